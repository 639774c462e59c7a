import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { ReviewItem } from "../../../db/schema-parts/moderation";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { authorize } from "../policy.server";
import { applyPostAction } from "./post-actions.server";
import { reviewChanged } from "./review-items.server";
import { cleanReason, postToModerate } from "./targets.server";

export const decisions = ["agree-hide", "agree-delete", "disagree", "defer"] as const;
export type Decision = (typeof decisions)[number];

/** A claim nobody acted on for this long is free again: a moderator who walked away blocks no one. */
export const CLAIM_MS = 30 * 60_000;

export const decisionSchema = z.object({
  itemId: z.coerce.number().int().positive(),
  decision: z.enum(decisions, "Choose an action."),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
});

async function lockItem(trx: Transaction<DB>, itemId: number) {
  const item = await trx.selectFrom("review_items").selectAll().where("id", "=", itemId).forUpdate().executeTakeFirst();
  if (!item) throw notFound("That review item");
  return item;
}

async function nameOf(trx: Transaction<DB>, userId: string | null) {
  if (!userId) return "someone";
  const row = await trx.selectFrom("users").select("display_name").where("id", "=", userId).executeTakeFirst();
  return row?.display_name ?? "someone";
}

const claimedByOther = (item: ReviewItem, actor: SessionUser, at: Date) =>
  item.claimed_by !== null && item.claimed_by !== actor.id && item.claimed_at !== null && at.getTime() - new Date(item.claimed_at).getTime() < CLAIM_MS;

/** 409 naming who got there first: the item is settled, or another moderator holds it. */
async function assertActionable(trx: Transaction<DB>, item: ReviewItem, actor: SessionUser, at: Date) {
  if (item.status === "agreed" || item.status === "disagreed") {
    throw new DomainError(`Already settled by ${await nameOf(trx, item.settled_by)} (${item.status === "agreed" ? "agreed with the flags" : "restored"}).`, 409);
  }
  if (claimedByOther(item, actor, at)) throw new DomainError(`${await nameOf(trx, item.claimed_by)} has claimed this item.`, 409);
}

/** A moderator takes an item so that two people do not review the same post at once. */
export async function claimItem(db: Kysely<DB>, actor: SessionUser, itemId: number, at = new Date()) {
  authorize(actor, "moderation.review", undefined);
  return db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, itemId);
    await postToModerate(trx, actor, item.post_id);
    await assertActionable(trx, item, actor, at);
    await trx.updateTable("review_items").set({ claimed_by: actor.id, claimed_at: at }).where("id", "=", item.id).execute();
    await reviewChanged(trx, item.id, item.post_id, item.status, actor.id, actor.id, at);
  });
}

/**
 * Settles (or defers) one item. Acting on an unclaimed item claims it in the same transaction;
 * an item someone else claimed or settled is a 409 naming them. Agree hides or deletes the post
 * and marks its flags agreed; disagree restores it (approves a held post) and marks them rejected.
 */
export async function decideItem(
  db: Kysely<DB>,
  actor: SessionUser,
  input: { itemId: number; decision: Decision; reason?: string | null },
  at = new Date(),
) {
  // Chairs too: postToModerate then allows only posts of the council they chair.
  authorize(actor, "moderation.review", undefined);
  const reason = cleanReason(input.reason);
  return db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, input.itemId);
    const post = await postToModerate(trx, actor, item.post_id);
    await assertActionable(trx, item, actor, at);
    if (input.decision === "defer") {
      await trx.updateTable("review_items").set({ status: "deferred", claimed_by: null, claimed_at: null }).where("id", "=", item.id).execute();
      await recordAudit(trx, { actorId: actor.id, action: "review.deferred", targetType: "review_item", targetId: String(item.id), reason, before: { status: item.status }, after: { status: "deferred" }, categoryId: post.thread.category.id });
      await reviewChanged(trx, item.id, item.post_id, "deferred", null, actor.id, at);
      return { status: "deferred" as const };
    }
    const agreed = input.decision !== "disagree";
    let resolution: "hidden" | "deleted" | "restored" | "approved";
    if (input.decision === "agree-delete") {
      if (!post.deletedAt) await applyPostAction(trx, actor, post, "delete", reason, at);
      resolution = "deleted";
    } else if (input.decision === "agree-hide") {
      if (!post.hiddenAt && !post.deletedAt) await applyPostAction(trx, actor, post, "hide", reason, at);
      resolution = "hidden";
    } else {
      if (post.hiddenAt) await applyPostAction(trx, actor, post, "unhide", reason, at);
      resolution = item.kind === "held" ? "approved" : "restored";
    }
    const status = agreed ? ("agreed" as const) : ("disagreed" as const);
    await trx
      .updateTable("review_items")
      .set({ status, resolution, settled_by: actor.id, settled_at: at, claimed_by: actor.id, claimed_at: item.claimed_at ?? at })
      .where("id", "=", item.id)
      .execute();
    await trx.updateTable("post_flags").set({ outcome: status }).where("post_id", "=", item.post_id).where("outcome", "is", null).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: `review.${status}`,
      targetType: "review_item",
      targetId: String(item.id),
      reason,
      before: { status: item.status, hidden: post.hiddenAt !== null, deleted: post.deletedAt !== null },
      after: { status, resolution },
      categoryId: post.thread.category.id,
    });
    await reviewChanged(trx, item.id, item.post_id, status, actor.id, actor.id, at);
    return { status, resolution };
  });
}

/** Bulk: each item in its own transaction, so one conflict does not undo the rest. */
export async function decideItems(db: Kysely<DB>, actor: SessionUser, input: { itemIds: number[]; decision: Decision; reason?: string | null }, at = new Date()) {
  const results: { itemId: number; ok: boolean; message?: string }[] = [];
  for (const itemId of input.itemIds) {
    try {
      await decideItem(db, actor, { itemId, decision: input.decision, reason: input.reason }, at);
      results.push({ itemId, ok: true });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ itemId, ok: false, message: error.message });
    }
  }
  return results;
}
