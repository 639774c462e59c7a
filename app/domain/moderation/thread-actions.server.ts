import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { can, type CategoryRef, type ThreadRef } from "../policy.server";
import { cleanReason, postToModerate, threadToModerate } from "./targets.server";
import { dropOutsidersOfThread } from "../councils/move.server";

export type ThreadToggle = "lock" | "unlock" | "pin" | "unpin";

const toggles = {
  lock: { column: "locked_at", on: true, done: "locked", event: "forum.thread_locked" },
  unlock: { column: "locked_at", on: false, done: "unlocked", event: "forum.thread_unlocked" },
  pin: { column: "pinned_at", on: true, done: "pinned", event: "forum.thread_pinned" },
  unpin: { column: "pinned_at", on: false, done: "unpinned", event: "forum.thread_unpinned" },
} as const;

/** Lock/unlock and pin/unpin: one column each, with its event and audit row. */
export async function toggleThread(
  db: Kysely<DB>,
  actor: SessionUser,
  input: { threadId: string; action: ThreadToggle; reason?: string | null },
  at = new Date(),
) {
  const reason = cleanReason(input.reason);
  return db.transaction().execute(async (trx) => {
    const thread = await threadToModerate(trx, actor, input.threadId);
    const row = await trx.selectFrom("threads").select(["locked_at", "pinned_at"]).where("id", "=", thread.id).executeTakeFirstOrThrow();
    const { column, on: turnOn, done, event } = toggles[input.action];
    const wasOn = row[column] !== null;
    if (wasOn === turnOn) throw new DomainError(`This thread is already ${done}.`, 409);
    await trx.updateTable("threads").set({ [column]: turnOn ? at : null }).where("id", "=", thread.id).execute();
    await appendEvent(trx, { type: event, actorId: actor.id, occurredAt: at, payload: { threadId: thread.id, categoryId: thread.category.id } });
    const key = column === "locked_at" ? "locked" : "pinned";
    await recordAudit(trx, {
      actorId: actor.id,
      action: `thread.${done}`,
      targetType: "thread",
      targetId: thread.id,
      reason,
      before: { [key]: wasOn },
      after: { [key]: turnOn },
      categoryId: thread.category.id,
    });
  });
}

async function categoryRef(trx: Transaction<DB>, categoryId: number): Promise<CategoryRef | null> {
  const row = await trx.selectFrom("categories").select(["id", "visibility", "council_id"]).where("id", "=", categoryId).executeTakeFirst();
  return row ? { id: row.id, visibility: row.visibility, councilId: row.council_id } : null;
}

function assertMayMove(actor: SessionUser, from: CategoryRef, to: CategoryRef | null): asserts to is CategoryRef {
  if (!to || !can(actor, "forum.readCategory", to)) throw new DomainError("Choose a category from the list.", 400, "categoryId");
  if (!can(actor, "moderation.moveThread", { from, to })) {
    throw new DomainError("Only admins move content into or out of a council space.", 403, "categoryId");
  }
}

/** Moves a thread with all its posts; both categories' counts follow. */
export async function moveThread(
  db: Kysely<DB>,
  actor: SessionUser,
  input: { threadId: string; categoryId: number; reason?: string | null },
  at = new Date(),
) {
  const reason = cleanReason(input.reason);
  return db.transaction().execute(async (trx) => {
    const thread = await threadToModerate(trx, actor, input.threadId);
    const to = await categoryRef(trx, input.categoryId);
    assertMayMove(actor, thread.category, to);
    if (to.id === thread.category.id) throw new DomainError("The thread is already in that category.", 400, "categoryId");
    const posts = await trx.selectFrom("posts").select((eb) => eb.fn.countAll<number>().as("n")).where("thread_id", "=", thread.id).executeTakeFirstOrThrow();
    const n = Number(posts.n);
    await trx.updateTable("threads").set({ category_id: to.id }).where("id", "=", thread.id).execute();
    await trx.updateTable("categories").set((eb) => ({ thread_count: eb("thread_count", "-", 1), post_count: eb("post_count", "-", n) })).where("id", "=", thread.category.id).execute();
    await trx.updateTable("categories").set((eb) => ({ thread_count: eb("thread_count", "+", 1), post_count: eb("post_count", "+", n) })).where("id", "=", to.id).execute();
    // Whoever can no longer read it (a move into a council space) keeps nothing that points at it.
    await dropOutsidersOfThread(trx, { ...thread, category: to });
    await appendEvent(trx, { type: "forum.thread_moved", actorId: actor.id, occurredAt: at, payload: { threadId: thread.id, fromCategoryId: thread.category.id, toCategoryId: to.id } });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "thread.moved",
      targetType: "thread",
      targetId: thread.id,
      reason,
      before: { categoryId: thread.category.id },
      after: { categoryId: to.id },
      // The more private of the two: a move out of a council space stays a council matter in the log.
      categoryId: thread.category.visibility === "council" ? thread.category.id : to.id,
    });
  });
}

/**
 * Moves one reply into another thread, as its newest post. Its old number is left as a gap:
 * links to later posts (#post-N) keep working.
 */
export async function mergePostIntoThread(
  db: Kysely<DB>,
  actor: SessionUser,
  input: { postId: string; threadId: string; reason?: string | null },
  at = new Date(),
) {
  const reason = cleanReason(input.reason);
  return db.transaction().execute(async (trx) => {
    const post = await postToModerate(trx, actor, input.postId);
    if (post.postNumber === 1) throw new DomainError("A thread's first post cannot be merged; move the thread instead.", 400, "postId");
    if (post.thread.id === input.threadId) throw new DomainError("The post is already in that thread.", 400, "threadId");
    let target: ThreadRef;
    try {
      target = await threadToModerate(trx, actor, input.threadId);
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) throw new DomainError("No thread with that id.", 400, "threadId");
      throw error;
    }
    assertMayMove(actor, post.thread.category, target.category);
    await trx.selectFrom("threads").select("id").where("id", "=", post.thread.id).forUpdate().execute();
    const last = await trx.selectFrom("posts").select((eb) => eb.fn.max("post_number").as("n")).where("thread_id", "=", target.id).executeTakeFirstOrThrow();
    const postNumber = Number(last.n ?? 0) + 1;
    await trx.updateTable("posts").set({ thread_id: target.id, post_number: postNumber, reply_to_post_id: null }).where("id", "=", post.id).execute();
    await trx.updateTable("posts").set({ reply_to_post_id: null }).where("reply_to_post_id", "=", post.id).where("thread_id", "=", post.thread.id).execute();
    await trx
      .updateTable("threads")
      .set((eb) => ({ reply_count: eb("reply_count", "-", 1) }))
      .where("id", "=", post.thread.id)
      .execute();
    await trx.updateTable("threads").set({ accepted_post_id: null }).where("id", "=", post.thread.id).where("accepted_post_id", "=", post.id).execute();
    await trx.updateTable("threads").set((eb) => ({ reply_count: eb("reply_count", "+", 1) })).where("id", "=", target.id).execute();
    await refreshLastPost(trx, post.thread.id);
    await refreshLastPost(trx, target.id);
    if (target.category.id !== post.thread.category.id) {
      await trx.updateTable("categories").set((eb) => ({ post_count: eb("post_count", "-", 1) })).where("id", "=", post.thread.category.id).execute();
      await trx.updateTable("categories").set((eb) => ({ post_count: eb("post_count", "+", 1) })).where("id", "=", target.category.id).execute();
    }
    await appendEvent(trx, {
      type: "forum.post_moved",
      actorId: actor.id,
      occurredAt: at,
      payload: { postId: post.id, fromThreadId: post.thread.id, toThreadId: target.id, authorId: post.authorId },
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "post.merged",
      targetType: "post",
      targetId: post.id,
      reason,
      before: { threadId: post.thread.id, postNumber: post.postNumber },
      after: { threadId: target.id, postNumber },
      categoryId: post.thread.category.visibility === "council" ? post.thread.category.id : target.category.id,
    });
    return { threadId: target.id, postNumber };
  });
}

async function refreshLastPost(trx: Transaction<DB>, threadId: string) {
  const last = await trx
    .selectFrom("posts")
    .select(["id", "created_at"])
    .where("thread_id", "=", threadId)
    .orderBy("created_at", "desc")
    .orderBy("post_number", "desc")
    .executeTakeFirst();
  if (!last) throw notFound("That thread");
  await trx.updateTable("threads").set({ last_post_id: last.id, last_posted_at: last.created_at }).where("id", "=", threadId).execute();
}
