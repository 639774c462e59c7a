import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { authorize } from "../policy.server";
import { scheduleJob } from "../scheduler/jobs.server";
import { requireCouncil } from "./councils.server";
import { inviteSchema, validate } from "./validation";

type Db = Kysely<DB> | Transaction<DB>;

/** A one-off job at the exact end of a term, so open sockets leave the council's rooms on time. */
export const TERM_END_JOB = "councils.term-end";

/** An admin invites a person for a term and a role; inviting again (after an end) starts afresh. */
export async function inviteMember(db: Kysely<DB>, actor: SessionUser, councilId: string, input: unknown, at = new Date()) {
  authorize(actor, "council.manage", undefined);
  const fields = validate(inviteSchema, input);
  if (fields.termEnd <= at) throw new DomainError("The term must end in the future.", 400, "termEnd");
  return db.transaction().execute(async (trx) => {
    const council = await trx.selectFrom("councils").select("id").where("id", "=", councilId).executeTakeFirst();
    if (!council) throw notFound("That council");
    const person = await trx
      .selectFrom("users")
      .select(["id", "display_name"])
      .where((eb) => eb(eb.fn("lower", ["handle"]), "=", fields.handle))
      .executeTakeFirst();
    if (!person) throw new DomainError(`No one has the handle @${fields.handle}.`, 400, "handle");
    const current = await trx
      .selectFrom("council_members")
      .select("ended_at")
      .where("council_id", "=", councilId)
      .where("user_id", "=", person.id)
      .where("ended_at", "is", null)
      .where("term_end", ">", at)
      .executeTakeFirst();
    if (current) throw new DomainError(`${person.display_name} is already on this council.`, 409, "handle");
    const values = {
      role: fields.role,
      term_start: fields.termStart,
      term_end: fields.termEnd,
      invited_by: actor.id,
      accepted_at: null,
      acknowledged_version: null,
      acknowledged_at: null,
      ended_at: null,
      end_reason: null,
    };
    await trx
      .insertInto("council_members")
      .values({ council_id: councilId, user_id: person.id, ...values })
      .onConflict((oc) => oc.columns(["council_id", "user_id"]).doUpdateSet({ ...values, invited_at: at }))
      .execute();
    await scheduleJob(trx, {
      kind: TERM_END_JOB,
      runAt: fields.termEnd,
      uniqueKey: `${TERM_END_JOB}:${councilId}:${person.id}:${fields.termEnd.toISOString()}`,
    });
    await recordAudit(trx, { actorId: actor.id, action: "council.member_invited", targetType: "council", targetId: councilId, after: { userId: person.id, role: fields.role } });
    return person;
  });
}

async function openMembership(db: Db, councilId: string, userId: string, at: Date) {
  return db
    .selectFrom("council_members")
    .innerJoin("councils", "councils.id", "council_members.council_id")
    .select(["council_members.accepted_at", "councils.terms_version"])
    .where("council_members.council_id", "=", councilId)
    .where("council_members.user_id", "=", userId)
    .where("council_members.ended_at", "is", null)
    .where("council_members.term_end", ">", at)
    .executeTakeFirst();
}

/** The invitee answers; accepting alone does not open the door: the terms come next. */
export async function respondToInvitation(db: Kysely<DB>, actor: SessionUser, councilId: string, accept: boolean, at = new Date()) {
  const membership = await openMembership(db, councilId, actor.id, at);
  if (!membership) throw notFound("That invitation");
  if (membership.accepted_at) throw new DomainError("You accepted this invitation already.", 409);
  await db
    .updateTable("council_members")
    .set(accept ? { accepted_at: at } : { ended_at: at, end_reason: "declined" })
    .where("council_id", "=", councilId)
    .where("user_id", "=", actor.id)
    .execute();
}

/**
 * Acknowledges the terms the member was shown. A version that is no longer current (the terms
 * changed while they read) is refused, so nobody agrees to text they never saw.
 */
export async function acknowledgeTerms(db: Kysely<DB>, actor: SessionUser, councilId: string, version: number, at = new Date()) {
  const membership = await openMembership(db, councilId, actor.id, at);
  if (!membership) throw notFound("That council");
  if (!membership.accepted_at) throw new DomainError("Accept the invitation before acknowledging the terms.", 409);
  if (version !== membership.terms_version) {
    throw new DomainError("The confidentiality terms changed while you were reading. Read the current version and acknowledge it.", 409, "version");
  }
  await db
    .updateTable("council_members")
    .set({ acknowledged_version: version, acknowledged_at: at })
    .where("council_id", "=", councilId)
    .where("user_id", "=", actor.id)
    .execute();
}

/**
 * Ends a membership now. The next request already loads the person without the council; the
 * caller also revalidates their sockets (RealtimeControl.revalidateUser) so open pages stop
 * receiving the council's rooms at once. Their watches on council threads go too.
 */
export async function removeMember(db: Kysely<DB>, actor: SessionUser, councilId: string, userId: string, reason: string | null = null, at = new Date()) {
  authorize(actor, "council.manage", undefined);
  await db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable("council_members")
      .set({ ended_at: at, end_reason: "removed" })
      .where("council_id", "=", councilId)
      .where("user_id", "=", userId)
      .where("ended_at", "is", null)
      .returning("user_id")
      .executeTakeFirst();
    if (!ended) throw notFound("That member");
    await forgetCouncilFollows(trx, councilId, [userId]);
    await appendEvent(trx, { type: "council.member_removed", actorId: actor.id, occurredAt: at, payload: { councilId, memberId: userId } });
    await recordAudit(trx, { actorId: actor.id, action: "council.member_removed", targetType: "council", targetId: councilId, reason, after: { userId } });
  });
}

/** Drops watches a person kept on a council's category and threads once they leave it. */
export async function forgetCouncilFollows(trx: Db, councilId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  const category = trx.selectFrom("councils").select("category_id").where("id", "=", councilId);
  await trx.deleteFrom("category_watches").where("user_id", "in", userIds).where("category_id", "in", category).execute();
  await trx
    .deleteFrom("thread_watches")
    .where("user_id", "in", userIds)
    .where("thread_id", "in", trx.selectFrom("threads").select("id").where("category_id", "in", category))
    .execute();
}

/**
 * The scheduled end of terms. Access already stopped at term end (the policy checks it); this
 * records the end and tidies watches. Returns the people to revalidate.
 */
export async function endExpiredTerms(db: Kysely<DB>, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable("council_members")
      .set({ ended_at: now, end_reason: "term_ended" })
      .where("ended_at", "is", null)
      .where("term_end", "<=", now)
      .returning(["council_id", "user_id"])
      .execute();
    for (const row of ended) await forgetCouncilFollows(trx, row.council_id, [row.user_id]);
    return ended;
  });
}

/** The roster with terms and attendance (meetings marked present out of meetings held). */
export async function listRoster(db: Db, actor: SessionUser | null, councilId: string, now = new Date()) {
  await requireCouncil(db, actor, councilId, now);
  const held = db
    .selectFrom("council_meetings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("council_id", "=", councilId)
    .where("starts_at", "<=", now);
  return db
    .selectFrom("council_members")
    .innerJoin("users", "users.id", "council_members.user_id")
    .select([
      "users.id",
      "users.handle",
      "users.display_name",
      "council_members.role",
      "council_members.term_start",
      "council_members.term_end",
      "council_members.accepted_at",
      "council_members.acknowledged_version",
      "council_members.ended_at",
      "council_members.end_reason",
      held.as("meetings_held"),
      (eb) =>
        eb
          .selectFrom("council_attendance")
          .innerJoin("council_meetings", "council_meetings.id", "council_attendance.meeting_id")
          .select(sql<number>`count(*)`.as("n"))
          .where("council_meetings.council_id", "=", councilId)
          .where("council_attendance.present", "=", true)
          .whereRef("council_attendance.user_id", "=", "users.id")
          .as("attended"),
    ])
    .where("council_members.council_id", "=", councilId)
    .orderBy("council_members.ended_at", (ob) => ob.desc().nullsFirst())
    .orderBy("council_members.role")
    .orderBy("users.display_name")
    .execute();
}
