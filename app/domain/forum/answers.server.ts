import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { can } from "../policy.server";
import { loadPostRef, loadThreadRef } from "./refs.server";

/** The thread's author (or a moderator) marks one reply as the answer; a new choice replaces the old. */
export async function acceptAnswer(db: Kysely<DB>, input: { actor: SessionUser; postId: string; at?: Date }) {
  return db.transaction().execute(async (trx) => {
    const post = await loadPostRef(trx, input.postId);
    if (!post || !can(input.actor, "forum.readPost", post)) throw notFound("That post");
    const thread = await loadThreadRef(trx, post.thread.id, { lock: true });
    if (!thread) throw notFound("That thread");
    if (!can(input.actor, "forum.acceptAnswer", thread)) {
      throw new DomainError("Only the person who asked (or a moderator) can accept an answer.", 403);
    }
    if (post.postNumber === 1) throw new DomainError("The question itself cannot be its answer.", 400);
    if (post.deletedAt || post.hiddenAt) throw new DomainError("A deleted or hidden post cannot be the answer.", 400);
    const row = await trx.selectFrom("threads").select(["accepted_post_id"]).where("id", "=", thread.id).executeTakeFirstOrThrow();
    if (row.accepted_post_id === post.id) throw new DomainError("This reply is already the accepted answer.", 409);
    if (row.accepted_post_id) await unacceptInside(trx, input.actor.id, thread.id, thread.authorId, row.accepted_post_id);
    await trx.updateTable("threads").set({ accepted_post_id: post.id }).where("id", "=", thread.id).execute();
    await appendEvent(trx, {
      type: "forum.answer_accepted",
      actorId: input.actor.id,
      occurredAt: input.at,
      payload: { threadId: thread.id, postId: post.id, categoryId: thread.category.id, answerAuthorId: post.authorId, askerId: thread.authorId },
    });
  });
}

export async function unacceptAnswer(db: Kysely<DB>, input: { actor: SessionUser; threadId: string }) {
  return db.transaction().execute(async (trx) => {
    const thread = await loadThreadRef(trx, input.threadId, { lock: true });
    if (!thread || !can(input.actor, "forum.readThread", thread)) throw notFound("That thread");
    if (!can(input.actor, "forum.acceptAnswer", thread)) {
      throw new DomainError("Only the person who asked (or a moderator) can change the accepted answer.", 403);
    }
    const row = await trx.selectFrom("threads").select(["accepted_post_id"]).where("id", "=", thread.id).executeTakeFirstOrThrow();
    if (!row.accepted_post_id) throw new DomainError("This thread has no accepted answer.", 409);
    await unacceptInside(trx, input.actor.id, thread.id, thread.authorId, row.accepted_post_id);
    await trx.updateTable("threads").set({ accepted_post_id: null }).where("id", "=", thread.id).execute();
  });
}

async function unacceptInside(
  trx: Kysely<DB>,
  actorId: string,
  threadId: string,
  askerId: string,
  postId: string,
) {
  const post = await trx.selectFrom("posts").select("author_id").where("id", "=", postId).executeTakeFirstOrThrow();
  await appendEvent(trx, {
    type: "forum.answer_unaccepted",
    actorId,
    payload: { threadId, postId, answerAuthorId: post.author_id, askerId },
  });
}
