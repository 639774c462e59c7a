import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { PostRef, ThreadRef } from "../policy.server";

type Db = Kysely<DB> | Transaction<DB>;

/** What the policy needs to know about a thread, or null when there is no such thread. */
export async function loadThreadRef(db: Db, threadId: string, options: { lock?: boolean } = {}): Promise<ThreadRef | null> {
  let query = db
    .selectFrom("threads")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .select([
      "threads.id",
      "threads.author_id",
      "threads.locked_at",
      "threads.hidden_at",
      "threads.deleted_at",
      "categories.id as category_id",
      "categories.visibility",
      "categories.council_id",
    ])
    .where("threads.id", "=", threadId);
  if (options.lock) query = query.forUpdate("threads");
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    authorId: row.author_id,
    lockedAt: row.locked_at,
    hiddenAt: row.hidden_at,
    deletedAt: row.deleted_at,
    category: { id: row.category_id, visibility: row.visibility, councilId: row.council_id },
  };
}

export async function loadPostRef(db: Db, postId: string): Promise<(PostRef & { postNumber: number }) | null> {
  const post = await db
    .selectFrom("posts")
    .select(["id", "author_id", "hidden_at", "deleted_at", "thread_id", "post_number"])
    .where("id", "=", postId)
    .executeTakeFirst();
  if (!post) return null;
  const thread = await loadThreadRef(db, post.thread_id);
  if (!thread) return null;
  return {
    id: post.id,
    authorId: post.author_id,
    hiddenAt: post.hidden_at,
    deletedAt: post.deleted_at,
    postNumber: post.post_number,
    thread,
  };
}
