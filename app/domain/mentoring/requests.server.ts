import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { authorize, can } from "../policy.server";
import { cancelJob, scheduleJob, type JobHandler } from "../scheduler/jobs.server";
import { newId } from "../../utils/ids.server";
import { canonicalTopics } from "./profiles.server";
import { assertMayRequest } from "./rate-limit.server";
import { eventIds, findMentorship, isUniqueViolation, mentorshipRef, wrongState } from "./records.server";
import { declineSchema, mentorshipRequestSchema, parseInput } from "./validation";

/** Unanswered requests lapse after this long, so a mentee is never left waiting on silence. */
export const REQUEST_LIFETIME_DAYS = 10;
export const EXPIRE_JOB = "mentoring.expire-request";
const expiryKey = (mentorshipId: number) => `${EXPIRE_JOB}:${mentorshipId}`;

function firstError(errors: Partial<Record<string, string>>): never {
  const [field, message] = Object.entries(errors)[0]!;
  throw new DomainError(message!, 400, field);
}

async function activeMentees(trx: Transaction<DB>, mentorId: string) {
  const row = await trx
    .selectFrom("mentorships")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("mentor_id", "=", mentorId)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The mentee asks one mentor. Refused with the reason when the mentor is oneself, not
 * accepting, full, already asked, or ended an earlier mentorship with them as not a good fit.
 */
export async function requestMentorship(db: Kysely<DB>, actor: SessionUser, raw: unknown, at = new Date()) {
  const parsed = parseInput(mentorshipRequestSchema, raw);
  if (!parsed.ok) firstError(parsed.errors);
  const input = parsed.data;
  if (input.mentorId === actor.id) throw new DomainError("You cannot ask yourself to be your mentor.", 400, "mentorId");
  authorize(actor, "mentoring.request", { mentorId: input.mentorId });
  const topics = await canonicalTopics(db, input.topics);

  try {
    return await db.transaction().execute(async (trx) => {
      const mentor = await trx
        .selectFrom("mentor_profiles as mp")
        .innerJoin("users as u", "u.id", "mp.user_id")
        .select(["mp.user_id", "mp.accepting", "mp.capacity", "u.display_name", "u.suspended_until"])
        .where("mp.user_id", "=", input.mentorId)
        .executeTakeFirst();
      if (!mentor) throw new DomainError("Choose a mentor from the suggestions.", 404, "mentorId");
      const suspended = mentor.suspended_until !== null && mentor.suspended_until.getTime() > at.getTime();
      if (!mentor.accepting || suspended) {
        throw new DomainError(`${mentor.display_name} is not accepting mentees at the moment.`, 409, "mentorId");
      }
      if ((await activeMentees(trx, mentor.user_id)) >= mentor.capacity) {
        throw new DomainError(`${mentor.display_name} has no places left at the moment.`, 409, "mentorId");
      }
      const earlier = await trx
        .selectFrom("mentorships")
        .select(["status", "end_reason"])
        .where("mentor_id", "=", mentor.user_id)
        .where("mentee_id", "=", actor.id)
        .where((eb) => eb.or([eb("status", "in", ["requested", "active"]), eb("end_reason", "=", "not_a_good_fit")]))
        .orderBy("id", "desc")
        .executeTakeFirst();
      if (earlier?.status === "requested") throw duplicate(mentor.display_name);
      if (earlier?.status === "active") throw new DomainError(`${mentor.display_name} is already your mentor.`, 409, "mentorId");
      if (earlier) {
        throw new DomainError(`Your mentorship with ${mentor.display_name} ended as not a good fit; choose another mentor.`, 409, "mentorId");
      }
      await assertMayRequest(trx, actor.id, at);

      const expiresAt = new Date(at.getTime() + REQUEST_LIFETIME_DAYS * 24 * 3600_000);
      const row = await trx
        .insertInto("mentorships")
        .values({
          public_id: newId(),
          mentor_id: mentor.user_id,
          mentee_id: actor.id,
          message: input.message,
          goals: input.goals,
          topics,
          languages: input.languages,
          urgency: input.urgency,
          requested_at: at,
          expires_at: expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendEvent(trx, { type: "mentoring.requested", payload: eventIds(row), actorId: actor.id, occurredAt: at });
      await scheduleJob(trx, { kind: EXPIRE_JOB, payload: { mentorshipId: row.id }, runAt: expiresAt, uniqueKey: expiryKey(row.id) });
      return row;
    });
  } catch (error) {
    // Two submissions at once: the partial unique index lets one through.
    if (isUniqueViolation(error)) throw duplicate("this mentor");
    throw error;
  }
}

const duplicate = (name: string) =>
  new DomainError(`You already asked ${name}; wait for an answer or withdraw that request first.`, 409, "mentorId");

/**
 * The mentor says yes. The mentor's profile row is locked while active mentorships are
 * counted, so two accepts at once (two tabs, two app processes) never exceed the capacity.
 */
export async function acceptRequest(db: Kysely<DB>, actor: SessionUser, publicId: string, at = new Date()) {
  return db.transaction().execute(async (trx) => {
    const row = await findMentorship(trx, actor, publicId, { forUpdate: true });
    if (actor.id !== row.mentor_id) throw new DomainError("Only the mentor can accept this request.", 403);
    if (!can(actor, "mentoring.respond", mentorshipRef(row), at)) throw wrongState(row, "accept it");
    if (row.expires_at.getTime() <= at.getTime()) throw new DomainError("This request has expired; the mentee can ask again.", 409);
    const profile = await trx
      .selectFrom("mentor_profiles")
      .select("capacity")
      .where("user_id", "=", row.mentor_id)
      .forUpdate()
      .executeTakeFirst();
    const capacity = profile?.capacity ?? 0;
    if ((await activeMentees(trx, row.mentor_id)) >= capacity) {
      throw new DomainError(
        `You have no places left (capacity ${capacity}). Raise your capacity or end a mentorship before accepting.`,
        409,
      );
    }
    const updated = await trx
      .updateTable("mentorships")
      .set({ status: "active", responded_at: at, started_at: at })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await cancelJob(trx, expiryKey(row.id));
    await appendEvent(trx, { type: "mentoring.accepted", payload: eventIds(row), actorId: actor.id, occurredAt: at });
    return updated;
  });
}

export async function declineRequest(db: Kysely<DB>, actor: SessionUser, publicId: string, raw: unknown, at = new Date()) {
  const parsed = parseInput(declineSchema, raw);
  if (!parsed.ok) firstError(parsed.errors);
  return db.transaction().execute(async (trx) => {
    const row = await findMentorship(trx, actor, publicId, { forUpdate: true });
    if (actor.id !== row.mentor_id) throw new DomainError("Only the mentor can decline this request.", 403);
    if (!can(actor, "mentoring.respond", mentorshipRef(row), at)) throw wrongState(row, "decline it");
    const updated = await trx
      .updateTable("mentorships")
      .set({ status: "declined", responded_at: at, decline_reason: parsed.data.reason || null })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await cancelJob(trx, expiryKey(row.id));
    await appendEvent(trx, { type: "mentoring.declined", payload: eventIds(row), actorId: actor.id, occurredAt: at });
    return updated;
  });
}

/** The mentee takes a request back before the mentor answers. */
export async function withdrawRequest(db: Kysely<DB>, actor: SessionUser, publicId: string, at = new Date()) {
  return db.transaction().execute(async (trx) => {
    const row = await findMentorship(trx, actor, publicId, { forUpdate: true });
    if (actor.id !== row.mentee_id) throw new DomainError("Only the mentee can withdraw this request.", 403);
    if (!can(actor, "mentoring.withdraw", mentorshipRef(row), at)) throw wrongState(row, "withdraw it");
    await trx.updateTable("mentorships").set({ status: "withdrawn", responded_at: at }).where("id", "=", row.id).execute();
    await cancelJob(trx, expiryKey(row.id));
    await appendEvent(trx, { type: "mentoring.withdrawn", payload: eventIds(row), actorId: actor.id, occurredAt: at });
  });
}

/**
 * Lapses requests still unanswered at their expiry time. Safe to repeat: only rows still
 * `requested` and due change, and each change writes its event once. Returns how many lapsed.
 */
export async function expireOverdueRequests(db: Kysely<DB>, at = new Date(), onlyId?: number) {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .updateTable("mentorships")
      .set({ status: "expired", responded_at: at })
      .where("status", "=", "requested")
      .where("expires_at", "<=", at);
    if (onlyId !== undefined) query = query.where("id", "=", onlyId);
    const expired = await query.returning(["id", "mentor_id", "mentee_id"]).execute();
    for (const row of expired) {
      await appendEvent(trx, { type: "mentoring.expired", payload: eventIds(row), actorId: null, occurredAt: at });
    }
    return expired.length;
  });
}

/** The per-request job scheduled at request time; it also sweeps anything else overdue. */
export const expireRequestHandler: JobHandler = async (job, ctx) => {
  const count = await expireOverdueRequests(ctx.db, new Date());
  ctx.log.info({ jobId: job.id, expired: count }, "mentoring requests expired");
};
