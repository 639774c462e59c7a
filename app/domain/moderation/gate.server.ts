import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { noticeTo } from "./notices.server";
import { activeSilence, formatUntil } from "./restrictions-check.server";
import { openReviewItem, reviewChanged } from "./review-items.server";
import { getSettings, type ModerationSettings } from "./settings.server";

const isStaff = (actor: SessionUser) => actor.role === "moderator" || actor.role === "admin";

/**
 * Called by the forum before createThread/reply write: a silenced member may not post, and a
 * category may keep starting threads or replying to staff. It takes no lock, so the forum may
 * call it before its transaction, alongside its other checks.
 */
export async function assertModerationAllowsPost(
  db: Kysely<DB> | Transaction<DB>,
  actor: SessionUser,
  input: { categoryId: number; kind: "thread" | "reply" },
  now: Date,
) {
  const [silence, rule] = await Promise.all([
    activeSilence(db, actor.id, now),
    isStaff(actor)
      ? undefined
      : db.selectFrom("category_posting_rules").select(["start_threads", "reply"]).where("category_id", "=", input.categoryId).executeTakeFirst(),
  ]);
  if (silence) throw new DomainError(`You are silenced until ${formatUntil(silence.until)}: ${silence.reason}`, 403);
  if (input.kind === "thread" && rule?.start_threads === "staff") {
    throw new DomainError("Only moderators start threads in this category.", 403, "categoryId");
  }
  if (input.kind === "reply" && rule?.reply === "staff") throw new DomainError("Only moderators reply in this category.", 403);
}

/**
 * Called by the forum after it wrote a post: when the new-account hold is on, posts of a
 * brand-new account wait hidden in the review queue until a moderator approves one of them.
 */
export async function holdIfNewAccount(
  trx: Transaction<DB>,
  actor: SessionUser,
  input: { postId: string; threadId: string; postNumber: number },
  now: Date,
  knownSettings?: ModerationSettings,
) {
  if (isStaff(actor)) return false;
  const settings = knownSettings ?? (await getSettings(trx));
  if (!settings.holdNewAccounts) return false;
  if (now.getTime() - actor.createdAt.getTime() >= settings.newAccountHours * 3600_000) return false;
  const approved = await trx
    .selectFrom("review_items")
    .innerJoin("posts", "posts.id", "review_items.post_id")
    .select("review_items.id")
    .where("posts.author_id", "=", actor.id)
    .where("review_items.resolution", "=", "approved")
    .executeTakeFirst();
  if (approved) return false;

  await trx.updateTable("posts").set({ hidden_at: now }).where("id", "=", input.postId).execute();
  if (input.postNumber === 1) await trx.updateTable("threads").set({ hidden_at: now }).where("id", "=", input.threadId).execute();
  // The recognition engine reverses the post's points on this, and restores them on approval.
  await appendEvent(trx, { type: "forum.post_hidden", actorId: null, occurredAt: now, payload: { threadId: input.threadId, postId: input.postId, authorId: actor.id } });
  const item = await openReviewItem(trx, input.postId, "held", now);
  await noticeTo(trx, { userId: actor.id, postId: input.postId, at: now, message: "Welcome! A moderator reviews the first posts of new accounts; yours will appear as soon as it is approved." });
  await reviewChanged(trx, item.id, input.postId, "pending", null, null, now);
  return true;
}
