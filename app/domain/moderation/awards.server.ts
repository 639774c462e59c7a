import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { loadPostRef } from "../forum/refs.server";
import { authorize, can } from "../policy.server";
import { manualBadgeDefinition } from "../recognition/badges";
import { manualBadgesIn } from "../recognition/definitions";
import { currentRules } from "../recognition/rules.server";
import { noticeTo } from "./notices.server";
import { getSettings } from "./settings.server";

/** The badge is one of the recognition engine's manual badges (`manualBadgeDefinitions` in badges.ts). */
export const badgeKey = z
  .string()
  .trim()
  .toLowerCase()
  .refine((id) => manualBadgeDefinition(id) !== undefined, "Choose one of the manual badges.");

export const awardSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("points"),
    recipient: z.string().trim().min(1, "Whom do you award? Enter their @handle.").max(60),
    points: z.coerce.number("Enter the points.").int("Whole points.").min(1, "At least 1 point.").max(10_000, "At most 10000 points."),
    reason: z.string().trim().min(3, "Say why: the recipient and everyone on their profile read it.").max(500, "Keep the reason under 500 characters."),
    postId: z.string().trim().max(40).optional(),
  }),
  z.object({
    kind: z.literal("badge"),
    recipient: z.string().trim().min(1, "Whom do you award? Enter their @handle.").max(60),
    badge: badgeKey,
    reason: z.string().trim().min(3, "Say why: the recipient and everyone on their profile read it.").max(500, "Keep the reason under 500 characters."),
    postId: z.string().trim().max(40).optional(),
  }),
]);
export type AwardInput = z.output<typeof awardSchema>;

/**
 * A moderator awards points or a manual badge, optionally for a post. Never to oneself; above
 * the admin threshold only admins. The event is what the recognition engine scores (and what
 * makes the recipient's live toast); the audit row and the recipient's notice commit with it.
 */
export async function grantAward(db: Kysely<DB>, actor: SessionUser, input: AwardInput, at = new Date()) {
  authorize(actor, "moderation.access", undefined);
  const badge = input.kind === "badge" ? manualBadgeDefinition(input.badge) : undefined;
  if (input.kind === "badge" && !badge) throw new DomainError("Choose one of the manual badges.", 400, "badge");
  if (input.kind === "badge") {
    // An admin can switch a manual badge off (/admin/recognition): it is no longer given.
    const manual = manualBadgesIn((await currentRules(db, at)).rules).find((b) => b.id === input.badge);
    if (!manual?.enabled) throw new DomainError("That badge is switched off; choose another.", 400, "badge");
  }
  return db.transaction().execute(async (trx) => {
    const handle = input.recipient.replace(/^@/, "").toLowerCase();
    const recipient = await trx
      .selectFrom("users")
      .select(["id", "display_name"])
      .where((eb) => eb(eb.fn("lower", ["handle"]), "=", handle))
      .executeTakeFirst();
    if (!recipient) throw new DomainError("Nobody has that @handle.", 400, "recipient");
    if (recipient.id === actor.id) throw new DomainError("You cannot award yourself: ask another moderator.", 403, "recipient");
    authorize(actor, "moderation.award", { recipientId: recipient.id });
    const settings = await getSettings(trx);
    if (input.kind === "points" && input.points > settings.awardAdminThreshold && actor.role !== "admin") {
      throw new DomainError(`Awards above ${settings.awardAdminThreshold} points need an admin.`, 403, "points");
    }
    let postId: string | null = null;
    if (input.postId) {
      const post = await loadPostRef(trx, input.postId);
      if (!post || !can(actor, "forum.readPost", post)) throw new DomainError("No post with that id.", 400, "postId");
      if (post.authorId !== recipient.id) throw new DomainError(`That post is not by ${recipient.display_name}.`, 400, "postId");
      postId = post.id;
    }
    const award = await trx
      .insertInto("recognition_awards")
      .values({
        recipient_id: recipient.id,
        moderator_id: actor.id,
        kind: input.kind,
        points: input.kind === "points" ? input.points : null,
        badge: input.kind === "badge" ? input.badge : null,
        reason: input.reason,
        post_id: postId,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const base = { awardId: award.id, recipientId: recipient.id, moderatorId: actor.id, reason: input.reason };
    if (input.kind === "points") {
      await appendEvent(trx, { type: "moderation.points_awarded", actorId: actor.id, occurredAt: at, payload: { ...base, points: input.points } });
    } else {
      await appendEvent(trx, { type: "moderation.badge_awarded", actorId: actor.id, occurredAt: at, payload: { ...base, badge: input.badge } });
    }
    const what = input.kind === "points" ? `${input.points} points` : `the “${badge!.name}” badge`;
    await recordAudit(trx, { actorId: actor.id, action: "award.granted", targetType: "award", targetId: String(award.id), reason: input.reason, after: { recipientId: recipient.id, kind: input.kind, points: input.kind === "points" ? input.points : undefined, badge: input.kind === "badge" ? input.badge : undefined, postId } });
    await noticeTo(trx, { userId: recipient.id, postId, at, message: `${actor.displayName} awarded you ${what}: ${input.reason}` });
    return { awardId: award.id, recipientId: recipient.id };
  });
}

export const revokeSchema = z.object({
  awardId: z.coerce.number().int().positive(),
  reason: z.string().trim().min(3, "Say why the award is revoked.").max(500, "Keep the reason under 500 characters."),
});

/** Revoking is the same kind of act as awarding: not one's own award to oneself, admins above the threshold. */
export async function revokeAward(db: Kysely<DB>, actor: SessionUser, input: z.output<typeof revokeSchema>, at = new Date()) {
  authorize(actor, "moderation.access", undefined);
  return db.transaction().execute(async (trx) => {
    const award = await trx.selectFrom("recognition_awards").selectAll().where("id", "=", input.awardId).forUpdate().executeTakeFirst();
    if (!award) throw notFound("That award");
    if (award.revoked_at) throw new DomainError("This award was already revoked.", 409);
    authorize(actor, "moderation.award", { recipientId: award.recipient_id });
    const settings = await getSettings(trx);
    if ((award.points ?? 0) > settings.awardAdminThreshold && actor.role !== "admin") {
      throw new DomainError(`Awards above ${settings.awardAdminThreshold} points are revoked by an admin.`, 403);
    }
    await trx.updateTable("recognition_awards").set({ revoked_at: at, revoked_by: actor.id, revoke_reason: input.reason }).where("id", "=", award.id).execute();
    await appendEvent(trx, { type: "moderation.award_revoked", actorId: actor.id, occurredAt: at, payload: { awardId: award.id, recipientId: award.recipient_id, moderatorId: actor.id, reason: input.reason } });
    await recordAudit(trx, { actorId: actor.id, action: "award.revoked", targetType: "award", targetId: String(award.id), reason: input.reason, before: { revoked: false }, after: { revoked: true } });
    const what = award.kind === "points" ? `${award.points} points` : `the “${manualBadgeDefinition(award.badge ?? "")?.name ?? award.badge}” badge`;
    await noticeTo(trx, { userId: award.recipient_id, at, message: `A moderator revoked ${what} awarded to you: ${input.reason}` });
  });
}

/** Awards, newest first: a person's (for their profile, active only) or everyone's (for moderators). */
export async function listAwards(db: Kysely<DB>, options: { recipientId?: string; includeRevoked?: boolean; limit?: number } = {}) {
  let query = db
    .selectFrom("recognition_awards as award")
    .innerJoin("users as recipient", "recipient.id", "award.recipient_id")
    .leftJoin("users as moderator", "moderator.id", "award.moderator_id")
    .select([
      "award.id",
      "award.kind",
      "award.points",
      "award.badge",
      "award.reason",
      "award.post_id",
      "award.created_at",
      "award.revoked_at",
      "award.revoke_reason",
      "recipient.display_name as recipient_name",
      "recipient.handle as recipient_handle",
      "moderator.display_name as moderator_name",
    ]);
  if (options.recipientId) query = query.where("award.recipient_id", "=", options.recipientId);
  if (!options.includeRevoked) query = query.where("award.revoked_at", "is", null);
  return query.orderBy("award.created_at", "desc").orderBy("award.id", "desc").limit(options.limit ?? 50).execute();
}
