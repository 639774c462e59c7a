import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { Actor } from "../policy.server";
import { visibleThreads } from "../policy.server";
import { pageOf } from "../forum/posts.server";

export const UNREAD_PER_PAGE = 30;

/**
 * Records how far the reader got: only ever forward, so reading an old page after a new one does
 * not bring back posts already read. Writes nothing when the marker is already there or further.
 */
export async function markThreadRead(db: Kysely<DB>, user: Actor, threadId: string, lastPostNumber: number) {
  if (!user || !Number.isInteger(lastPostNumber) || lastPostNumber < 1) return;
  const now = new Date();
  await db
    .insertInto("thread_reads")
    .values({ user_id: user.id, thread_id: threadId, last_read_post_number: lastPostNumber, updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(["user_id", "thread_id"])
        .doUpdateSet({ last_read_post_number: lastPostNumber, updated_at: now })
        .where("thread_reads.last_read_post_number", "<", lastPostNumber),
    )
    .execute();
}

export async function lastReadPostNumber(db: Kysely<DB>, userId: string, threadId: string) {
  const row = await db
    .selectFrom("thread_reads")
    .select("last_read_post_number")
    .where("user_id", "=", userId)
    .where("thread_id", "=", threadId)
    .executeTakeFirst();
  return row?.last_read_post_number ?? 0;
}

/**
 * Threads the reader has opened, with posts after their marker, in threads they may still read
 * and have not muted (directly or through the category).
 */
function trackedThreads(db: Kysely<DB>, user: NonNullable<Actor>) {
  return db
    .selectFrom("threads")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .innerJoin("thread_reads", (join) => join.onRef("thread_reads.thread_id", "=", "threads.id").on("thread_reads.user_id", "=", user.id))
    .innerJoin("posts as last_post", "last_post.id", "threads.last_post_id")
    .leftJoin("thread_watches", (join) => join.onRef("thread_watches.thread_id", "=", "threads.id").on("thread_watches.user_id", "=", user.id))
    .leftJoin("category_watches", (join) =>
      join.onRef("category_watches.category_id", "=", "threads.category_id").on("category_watches.user_id", "=", user.id),
    )
    .where(visibleThreads(user))
    .whereRef("last_post.post_number", ">", "thread_reads.last_read_post_number")
    .where(sql<string>`coalesce(thread_watches.level, category_watches.level, 'normal')`, "<>", "muted");
}

const unreadColumn = sql<number>`last_post.post_number - thread_reads.last_read_post_number`.as("unread");

/** "N new" for a list of threads, in one query: only threads with something new appear in the map. */
export async function unreadCounts(db: Kysely<DB>, user: Actor, threadIds: string[]): Promise<Record<string, number>> {
  if (!user || threadIds.length === 0) return {};
  const rows = await trackedThreads(db, user)
    .select(["threads.id", unreadColumn])
    .where("threads.id", "in", threadIds)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.id, Number(row.unread)]));
}

/** The Unread list: most recent activity first, each with where to resume reading. */
export async function listUnread(db: Kysely<DB>, user: NonNullable<Actor>, requestedPage = 1) {
  const page = Math.max(1, requestedPage);
  const rows = await trackedThreads(db, user)
    .innerJoin("users", "users.id", "threads.author_id")
    .select([
      "threads.id",
      "threads.title",
      "threads.slug",
      "threads.reply_count",
      "threads.accepted_post_id",
      "threads.last_posted_at",
      "categories.name as category_name",
      "categories.slug as category_slug",
      "users.display_name as author_name",
      "thread_reads.last_read_post_number",
      unreadColumn,
    ])
    .orderBy("threads.last_posted_at", "desc")
    .orderBy("threads.id")
    .limit(UNREAD_PER_PAGE + 1)
    .offset((page - 1) * UNREAD_PER_PAGE)
    .execute();
  return {
    threads: rows.slice(0, UNREAD_PER_PAGE).map(({ last_read_post_number, ...row }) => {
      const next = last_read_post_number + 1;
      return { ...row, unread: Number(row.unread), resumeHref: `/t/${row.id}/${row.slug}?page=${pageOf(next)}#post-${next}` };
    }),
    page,
    hasMore: rows.length > UNREAD_PER_PAGE,
  };
}
