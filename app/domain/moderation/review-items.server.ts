import type { Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { ReviewKind, ReviewStatus } from "../../../db/schema-parts/moderation";
import { appendEvent } from "../events/outbox.server";

/**
 * The post's open review item, created when there is none. The partial unique index (one open
 * item per post) settles a race between two first flags: the loser reads the winner's row.
 */
export async function openReviewItem(trx: Transaction<DB>, postId: string, kind: ReviewKind, at: Date) {
  await trx
    .insertInto("review_items")
    .values({ post_id: postId, kind, created_at: at })
    .onConflict((oc) => oc.column("post_id").where("status", "in", ["pending", "deferred"]).doNothing())
    .execute();
  return trx
    .selectFrom("review_items")
    .selectAll()
    .where("post_id", "=", postId)
    .where("status", "in", ["pending", "deferred"])
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function reviewChanged(
  trx: Transaction<DB>,
  itemId: number,
  postId: string,
  status: ReviewStatus,
  claimedBy: string | null,
  actorId: string | null,
  at: Date,
) {
  await appendEvent(trx, { type: "moderation.review_changed", actorId, occurredAt: at, payload: { itemId, postId, status, claimedBy } });
}
