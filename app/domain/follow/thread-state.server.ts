import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { Actor } from "../policy.server";
import { bookmarksOn } from "./bookmarks.server";
import type { WatchLevel } from "./kinds";
import { lastReadPostNumber } from "./reads.server";
import { threadWatchLevel, type LevelSource } from "./watches.server";

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
 * What the thread page shows about the reader's own following. Call it before markThreadRead,
 * which moves the marker. The caller has already checked that the reader may read the thread.
 */
export async function threadFollowState(
  db: Kysely<DB>,
  user: Actor,
  threadId: string,
  options: { postIds?: string[] } = {},
): Promise<ThreadFollowState> {
  if (!user) return { signedIn: false, level: "normal", levelSource: "default", lastReadPostNumber: 0, bookmarks: {} };
  const thread = await db.selectFrom("threads").select(["id", "category_id"]).where("id", "=", threadId).executeTakeFirst();
  if (!thread) return { signedIn: true, level: "normal", levelSource: "default", lastReadPostNumber: 0, bookmarks: {} };
  const [watch, lastRead, bookmarks] = await Promise.all([
    threadWatchLevel(db, user.id, { id: thread.id, categoryId: thread.category_id }),
    lastReadPostNumber(db, user.id, thread.id),
    bookmarksOn(db, user.id, options.postIds ?? []),
  ]);
  return { signedIn: true, level: watch.level, levelSource: watch.source, lastReadPostNumber: lastRead, bookmarks };
}
