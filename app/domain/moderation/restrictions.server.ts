import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { authorize } from "../policy.server";
import { noticeTo } from "./notices.server";
import { formatUntil } from "./restrictions-check.server";

export const restrictionSchema = z.object({
  userId: z.string().min(1).max(100),
  kind: z.enum(["suspend", "silence"], "Choose suspend or silence."),
  days: z.coerce.number("Enter a number of days.").int("Whole days.").min(1, "At least one day.").max(3650, "At most ten years."),
  reason: z.string().trim().min(3, "Say why: the person sees this reason.").max(500, "Keep the reason under 500 characters."),
});

async function target(db: Kysely<DB>, actor: SessionUser, userId: string) {
  const user = await db.selectFrom("users").select(["id", "role", "display_name", "suspended_until", "suspension_reason"]).where("id", "=", userId).forUpdate().executeTakeFirst();
  if (!user) throw notFound("That person");
  authorize(actor, "moderation.restrictUser", { id: user.id, role: user.role });
  return user;
}

/**
 * Suspend (no posting, reacting or flagging; sockets disconnected by the moderation fan-out on
 * user.suspended) or silence (reads and reacts, does not post or flag) for a number of days.
 */
export async function restrictUser(db: Kysely<DB>, actor: SessionUser, input: z.output<typeof restrictionSchema>, at = new Date()) {
  const until = new Date(at.getTime() + input.days * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const user = await target(trx, actor, input.userId);
    if (input.kind === "suspend") {
      await trx.updateTable("users").set({ suspended_until: until, suspension_reason: input.reason, updated_at: at }).where("id", "=", user.id).execute();
      await appendEvent(trx, { type: "user.suspended", actorId: actor.id, occurredAt: at, payload: { userId: user.id, until: until.toISOString(), reason: input.reason } });
      await recordAudit(trx, { actorId: actor.id, action: "user.suspended", targetType: "user", targetId: user.id, reason: input.reason, before: { suspendedUntil: user.suspended_until }, after: { suspendedUntil: until.toISOString() } });
    } else {
      const before = await trx.selectFrom("user_silences").select("until").where("user_id", "=", user.id).executeTakeFirst();
      await trx
        .insertInto("user_silences")
        .values({ user_id: user.id, until, reason: input.reason, created_by: actor.id, created_at: at })
        .onConflict((oc) => oc.column("user_id").doUpdateSet({ until, reason: input.reason, created_by: actor.id }))
        .execute();
      await appendEvent(trx, { type: "user.silenced", actorId: actor.id, occurredAt: at, payload: { userId: user.id, until: until.toISOString(), reason: input.reason } });
      await recordAudit(trx, { actorId: actor.id, action: "user.silenced", targetType: "user", targetId: user.id, reason: input.reason, before: { silencedUntil: before?.until ?? null }, after: { silencedUntil: until.toISOString() } });
    }
    const what = input.kind === "suspend" ? "suspended: you can read but not post, react or flag" : "silenced: you can read and react but not post or flag";
    await noticeTo(trx, { userId: user.id, at, message: `Your account is ${what} until ${formatUntil(until)}. Reason: ${input.reason}` });
    return { until };
  });
}

/** Lifts a suspension and a silence, whichever are in force. */
export async function liftRestrictions(db: Kysely<DB>, actor: SessionUser, input: { userId: string; reason?: string | null }, at = new Date()) {
  return db.transaction().execute(async (trx) => {
    const user = await target(trx, actor, input.userId);
    const silence = await trx.selectFrom("user_silences").select("until").where("user_id", "=", user.id).where("until", ">", at).executeTakeFirst();
    const suspended = user.suspended_until !== null && new Date(user.suspended_until).getTime() > at.getTime();
    if (!suspended && !silence) throw new DomainError("This person is neither suspended nor silenced.", 409);
    if (suspended) {
      await trx.updateTable("users").set({ suspended_until: null, suspension_reason: null, updated_at: at }).where("id", "=", user.id).execute();
      await appendEvent(trx, { type: "user.unsuspended", actorId: actor.id, occurredAt: at, payload: { userId: user.id } });
    }
    if (silence) {
      await trx.deleteFrom("user_silences").where("user_id", "=", user.id).execute();
      await appendEvent(trx, { type: "user.unsilenced", actorId: actor.id, occurredAt: at, payload: { userId: user.id } });
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: "user.restrictions_lifted",
      targetType: "user",
      targetId: user.id,
      reason: input.reason ?? null,
      before: { suspendedUntil: suspended ? user.suspended_until : null, silencedUntil: silence?.until ?? null },
      after: { suspendedUntil: null, silencedUntil: null },
    });
    await noticeTo(trx, { userId: user.id, at, message: "A moderator lifted the restrictions on your account. Welcome back." });
  });
}

/** What a moderator sees on a person's moderation page. */
export async function restrictionsOf(db: Kysely<DB>, userId: string, now = new Date()) {
  const user = await db.selectFrom("users").select(["suspended_until", "suspension_reason"]).where("id", "=", userId).executeTakeFirst();
  const silence = await db.selectFrom("user_silences").select(["until", "reason"]).where("user_id", "=", userId).where("until", ">", now).executeTakeFirst();
  const suspended = user?.suspended_until && new Date(user.suspended_until).getTime() > now.getTime() ? { until: user.suspended_until, reason: user.suspension_reason ?? "" } : null;
  return { suspended, silenced: silence ?? null };
}
