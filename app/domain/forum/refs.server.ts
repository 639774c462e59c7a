import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { PostRef, ThreadRef } from "../policy.server";

type Db = Kysely<DB> | Transaction<DB>;

/** The columns toThreadRef reads, for a query that joins threads and categories. */
export const THREAD_REF_COLUMNS = [
  "threads.id as thread_id",
  "threads.author_id as thread_author_id",
  "threads.locked_at",
  "threads.hidden_at as thread_hidden_at",
  "threads.deleted_at as thread_deleted_at",
  "categories.id as category_id",
  "categories.visibility",
  "categories.council_id",
] as const;

type ThreadRefRow = {
  thread_id: string;
  thread_author_id: string;
  locked_at: Date | null;
  thread_hidden_at: Date | null;
  thread_deleted_at: Date | null;
  category_id: number;
  visibility: ThreadRef["category"]["visibility"];
  council_id: string | null;
};

export function toThreadRef(row: ThreadRefRow): ThreadRef {
  return {
    id: row.thread_id,
    authorId: row.thread_author_id,
    lockedAt: row.locked_at,
    hiddenAt: row.thread_hidden_at,
    deletedAt: row.thread_deleted_at,
    category: { id: row.category_id, visibility: row.visibility, councilId: row.council_id },
  };
}

/** What the policy needs to know about a thread, or null when there is no such thread. */
export async function loadThreadRef(db: Db, threadId: string, options: { lock?: boolean } = {}): Promise<ThreadRef | null> {
  let query = threadRefQuery(db).where("threads.id", "=", threadId);
  // FOR NO KEY UPDATE, not FOR UPDATE: writers of this thread still wait for each other, but not
  // for the outbox dispatcher, whose inserts that point at the thread (notifications, mentions)
  // hold a key-share lock on it until they commit; FOR UPDATE waited those out, up to 96 ms a reply.
  if (options.lock) query = query.forNoKeyUpdate("threads");
  const row = await query.executeTakeFirst();
  return row ? toThreadRef(row) : null;
}

/**
 * The select behind loadThreadRef, for a caller that reads more with the thread in the same
 * statement (the checks before a reply); turn its row into the reference with toThreadRef.
 */
export function threadRefQuery(db: Db) {
  return db.selectFrom("threads").innerJoin("categories", "categories.id", "threads.category_id").select(THREAD_REF_COLUMNS);
}

/** A post and its thread as the policy sees them, in one statement (a reaction, an edit, a notification). */
export async function loadPostRef(db: Db, postId: string): Promise<LoadedPostRef | null> {
  const row = await postRefQuery(db).where("posts.id", "=", postId).executeTakeFirst();
  return row ? toPostRef(row) : null;
}

export type LoadedPostRef = PostRef & { postNumber: number };

/**
 * The select behind loadPostRef, for a caller that reads more of the post in the same statement
 * (the notifications of a new post); turn its row into the reference with toPostRef.
 */
export function postRefQuery(db: Db) {
  return db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .select(["posts.id", "posts.author_id", "posts.hidden_at", "posts.deleted_at", "posts.post_number", ...THREAD_REF_COLUMNS]);
}

type PostRefRow = ThreadRefRow & { id: string; author_id: string; hidden_at: Date | null; deleted_at: Date | null; post_number: number };

export function toPostRef(row: PostRefRow): LoadedPostRef {
  return {
    id: row.id,
    authorId: row.author_id,
    hiddenAt: row.hidden_at,
    deletedAt: row.deleted_at,
    postNumber: row.post_number,
    thread: toThreadRef(row),
  };
}
