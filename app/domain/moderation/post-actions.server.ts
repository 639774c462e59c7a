import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { noticeTo } from "./notices.server";
import { cleanReason, postToModerate } from "./targets.server";

export type PostAction = "hide" | "unhide" | "delete" | "undelete";

type ModeratedPost = Awaited<ReturnType<typeof postToModerate>>;

const auditName: Record<PostAction, string> = {
  hide: "post.hidden",
  unhide: "post.unhidden",
  delete: "post.deleted",
  undelete: "post.undeleted",
};

/**
 * Hide/unhide and delete/undelete a post as a moderator: the post (and, for a first post, its
 * thread), the forum event the recognition engine reverses points on, the audit row and the
 * author's notice all commit together.
 */
export async function moderatePost(
  db: Kysely<DB>,
  actor: SessionUser,
  input: { postId: string; action: PostAction; reason?: string | null },
  at = new Date(),
) {
  return db.transaction().execute(async (trx) => {
    const post = await postToModerate(trx, actor, input.postId);
    await applyPostAction(trx, actor, post, input.action, cleanReason(input.reason), at);
    return { postId: post.id, threadId: post.thread.id };
  });
}

/** The shared core, also used by the review queue inside its own transaction. */
export async function applyPostAction(
  trx: Transaction<DB>,
  actor: SessionUser | null,
  post: ModeratedPost,
  action: PostAction,
  reason: string | null,
  at: Date,
  options: { notify?: boolean } = {},
) {
  const state = { hidden: post.hiddenAt !== null, deleted: post.deletedAt !== null };
  const refuse = (message: string) => {
    throw new DomainError(message, 409);
  };
  const isFirst = post.postNumber === 1;
  const thread = await trx.selectFrom("threads").select(["title", "accepted_post_id"]).where("id", "=", post.thread.id).executeTakeFirstOrThrow();
  const payload = { threadId: post.thread.id, postId: post.id, authorId: post.authorId };
  const actorId = actor?.id ?? null;
  switch (action) {
    case "hide":
      if (state.deleted) refuse("This post is deleted; restore it before hiding it.");
      if (state.hidden) refuse("This post is already hidden.");
      await trx.updateTable("posts").set({ hidden_at: at }).where("id", "=", post.id).execute();
      if (isFirst) await trx.updateTable("threads").set({ hidden_at: at }).where("id", "=", post.thread.id).execute();
      await appendEvent(trx, { type: "forum.post_hidden", actorId, occurredAt: at, payload });
      break;
    case "unhide":
      if (!state.hidden) refuse("This post is not hidden.");
      await trx.updateTable("posts").set({ hidden_at: null }).where("id", "=", post.id).execute();
      if (isFirst) await trx.updateTable("threads").set({ hidden_at: null }).where("id", "=", post.thread.id).execute();
      await appendEvent(trx, { type: "forum.post_restored", actorId, occurredAt: at, payload });
      break;
    case "delete":
      if (state.deleted) refuse("This post is already deleted.");
      await trx.updateTable("posts").set({ deleted_at: at }).where("id", "=", post.id).execute();
      if (isFirst) await trx.updateTable("threads").set({ deleted_at: at }).where("id", "=", post.thread.id).execute();
      if (thread.accepted_post_id === post.id) {
        await trx.updateTable("threads").set({ accepted_post_id: null }).where("id", "=", post.thread.id).execute();
      }
      await appendEvent(trx, { type: "forum.post_deleted", actorId, occurredAt: at, payload });
      break;
    case "undelete":
      if (!state.deleted) refuse("This post is not deleted.");
      await trx.updateTable("posts").set({ deleted_at: null }).where("id", "=", post.id).execute();
      if (isFirst) await trx.updateTable("threads").set({ deleted_at: null }).where("id", "=", post.thread.id).execute();
      await appendEvent(trx, { type: "forum.post_restored", actorId, occurredAt: at, payload });
      break;
  }
  const after = {
    hidden: action === "hide" ? true : action === "unhide" ? false : state.hidden,
    deleted: action === "delete" ? true : action === "undelete" ? false : state.deleted,
  };
  await recordAudit(trx, {
    actorId,
    action: auditName[action],
    targetType: "post",
    targetId: post.id,
    reason,
    before: state,
    after,
    categoryId: post.thread.category.id,
  });
  if (options.notify !== false && post.authorId !== actorId && (action === "hide" || action === "delete")) {
    const verb = action === "hide" ? "hid" : "deleted";
    await noticeTo(trx, {
      userId: post.authorId,
      postId: post.id,
      at,
      message: `A moderator ${verb} your post in “${thread.title}”${reason ? `: ${reason}` : "."}`,
    });
  }
}
