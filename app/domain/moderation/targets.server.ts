import type { Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { loadPostRef, loadThreadRef } from "../forum/refs.server";
import { can } from "../policy.server";

/**
 * The thread or post a moderator acts on, checked by the policy: 404 for what the actor may not
 * read (as if it did not exist), 403 for a member who can read it but may not moderate.
 */
export async function threadToModerate(trx: Transaction<DB>, actor: SessionUser, threadId: string) {
  const thread = await loadThreadRef(trx, threadId, { lock: true });
  if (!thread || !can(actor, "forum.readThread", thread)) throw notFound("That thread");
  if (!can(actor, "forum.moderate", thread)) throw new DomainError("Only moderators can do that.", 403);
  return thread;
}

export async function postToModerate(trx: Transaction<DB>, actor: SessionUser, postId: string) {
  const post = await loadPostRef(trx, postId);
  if (!post || !can(actor, "forum.readPost", post)) throw notFound("That post");
  if (!can(actor, "forum.moderate", post.thread)) throw new DomainError("Only moderators can do that.", 403);
  // Lock the row: two moderators acting on one post take turns, and the second sees the first's change.
  const row = await trx
    .selectFrom("posts")
    .select(["hidden_at", "deleted_at", "body_source"])
    .where("id", "=", post.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { ...post, hiddenAt: row.hidden_at, deletedAt: row.deleted_at, bodySource: row.body_source };
}

/** A reason is optional for most actions but, when given, kept short and trimmed. */
export function cleanReason(reason: string | undefined | null) {
  const text = (reason ?? "").trim();
  if (text.length > 500) throw new DomainError("Keep the reason under 500 characters.", 400, "reason");
  return text || null;
}
