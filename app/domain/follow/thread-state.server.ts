import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "../../../db/schema";
import type { Actor } from "../policy.server";
import type { WatchLevel } from "./kinds";
import { effectiveWatchLevel, type LevelSource } from "./watches.server";

export interface ThreadFollowState {
  signedIn: boolean;
  level: WatchLevel;
  levelSource: LevelSource;
  /** Before this visit: the "new since last visit" divider goes after this post (0 = never read). */
  lastReadPostNumber: number;
  /** The reader's bookmarks among the posts asked about, by post id. */
  bookmarks: Record<string, { remindAt: Date | null; note: string }>;
}

/**
 * The reader's following of a thread, as columns of a query over `threads` (their own level, the
 * category's, their read marker), so a caller reading the thread anyway pays no statement for it.
 */
export function readerFollowColumns(userId: string) {
  return (eb: ExpressionBuilder<DB, "threads">) =>
    [
      eb
        .selectFrom("thread_watches")
        .select("level")
        .where("thread_watches.user_id", "=", userId)
        .whereRef("thread_watches.thread_id", "=", "threads.id")
        .as("follow_thread_level"),
      eb
        .selectFrom("category_watches")
        .select("level")
        .where("category_watches.user_id", "=", userId)
        .whereRef("category_watches.category_id", "=", "threads.category_id")
        .as("follow_category_level"),
      eb
        .selectFrom("thread_reads")
        .select("last_read_post_number")
        .where("thread_reads.user_id", "=", userId)
        .whereRef("thread_reads.thread_id", "=", "threads.id")
        .as("follow_last_read"),
    ] as const;
}

/** What `readerFollowColumns` read, as the page shows it. */
export function followFromColumns(row: { follow_thread_level: WatchLevel | null; follow_category_level: WatchLevel | null; follow_last_read: number | null }) {
  const watch = effectiveWatchLevel(row.follow_thread_level, row.follow_category_level);
  return { level: watch.level, levelSource: watch.source, lastReadPostNumber: row.follow_last_read ?? 0 };
}

/**
 * What the thread page shows about the reader's own following, in one statement (every signed-in
 * thread page pays for it). Call it before markThreadRead, which moves the marker. The caller has
 * already checked that the reader may read the thread.
 */
export async function threadFollowState(
  db: Kysely<DB>,
  user: Actor,
  threadId: string,
  options: { postIds?: string[] } = {},
): Promise<ThreadFollowState> {
  if (!user) return { signedIn: false, level: "normal", levelSource: "default", lastReadPostNumber: 0, bookmarks: {} };
  const postIds = options.postIds ?? [];
  const row = await db
    .selectFrom("threads")
    .select((eb) => [
      ...readerFollowColumns(user.id)(eb),
      postIds.length
        ? jsonArrayFrom(
            eb
              .selectFrom("bookmarks")
              .select(["bookmarks.post_id", "bookmarks.remind_at", "bookmarks.note"])
              .where("bookmarks.user_id", "=", user.id)
              .where("bookmarks.post_id", "in", postIds),
          ).as("bookmarks")
        : sql<{ post_id: string; remind_at: string | null; note: string }[]>`'[]'::json`.as("bookmarks"),
    ])
    .where("threads.id", "=", threadId)
    .executeTakeFirst();
  if (!row) return { signedIn: true, level: "normal", levelSource: "default", lastReadPostNumber: 0, bookmarks: {} };
  return {
    signedIn: true,
    ...followFromColumns(row),
    // Through JSON the reminder time arrives as text; the page expects the Date a plain select gives.
    bookmarks: Object.fromEntries(
      row.bookmarks.map((mark) => [mark.post_id, { remindAt: mark.remind_at === null ? null : new Date(mark.remind_at), note: mark.note }]),
    ),
  };
}
