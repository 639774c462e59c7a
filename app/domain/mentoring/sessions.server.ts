import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { assertParticipant } from "./mentorships.server";
import { canonicalTopics } from "./profiles.server";
import { eventIds, findMentorship, isParty } from "./records.server";
import { assertMayLogSession } from "./rate-limit.server";
import { parseInput, sessionSchema } from "./validation";

const DAY = 24 * 3600_000;

/**
 * One side logs a session (and so confirms it); it counts once the other side confirms too.
 * A session in a mentorship one is not part of is a 404 like any other stranger's request.
 */
export async function logSession(db: Kysely<DB>, actor: SessionUser, publicId: string, raw: unknown, at = new Date()) {
  const parsed = parseInput(sessionSchema, raw);
  if (!parsed.ok) {
    const [field, message] = Object.entries(parsed.errors)[0]!;
    throw new DomainError(message!, 400, field);
  }
  const input = parsed.data;
  const heldOn = Date.parse(`${input.heldOn}T00:00:00Z`);
  // A day of slack either side: the date is the logger's calendar day, whatever their zone.
  if (heldOn > at.getTime() + DAY) throw new DomainError("Log a session once it has happened.", 400, "heldOn");
  const topics = await canonicalTopics(db, input.topics);
  return db.transaction().execute(async (trx) => {
    const row = await findMentorship(trx, actor, publicId, { forUpdate: true });
    assertParticipant(actor, row, "log sessions here", at);
    if (row.started_at && heldOn < row.started_at.getTime() - 2 * DAY) {
      throw new DomainError("That date is before the mentorship started.", 400, "heldOn");
    }
    await assertMayLogSession(trx, actor.id, at);
    const byMentor = actor.id === row.mentor_id;
    const session = await trx
      .insertInto("mentorship_sessions")
      .values({
        mentorship_id: row.id,
        held_on: input.heldOn,
        duration_minutes: input.durationMinutes,
        topics,
        summary: input.summary,
        logged_by: actor.id,
        mentor_confirmed_at: byMentor ? at : null,
        mentee_confirmed_at: byMentor ? null : at,
        created_at: at,
      })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      type: "mentoring.session_logged",
      payload: { ...eventIds(row), sessionId: session.id, loggedBy: actor.id },
      actorId: actor.id,
      occurredAt: at,
    });
    return session;
  });
}

/**
 * The other side confirms. The session row is locked, so the "confirmed" event is written
 * exactly once however many times (or from however many tabs) the button is pressed.
 */
export async function confirmSession(db: Kysely<DB>, actor: SessionUser, publicId: string, sessionId: number, at = new Date()) {
  return db.transaction().execute(async (trx) => {
    const row = await findMentorship(trx, actor, publicId, { forUpdate: true });
    if (!isParty(actor, row)) throw new DomainError("Only the mentor and the mentee can confirm sessions.", 403);
    if (row.status !== "active" && row.status !== "ended") throw new DomainError("There are no sessions to confirm here.", 409);
    const session = Number.isSafeInteger(sessionId)
      ? await trx
          .selectFrom("mentorship_sessions")
          .selectAll()
          .where("id", "=", sessionId)
          .where("mentorship_id", "=", row.id)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!session) throw new DomainError("That session is not in this mentorship.", 404, "sessionId");
    const side = actor.id === row.mentor_id ? "mentor_confirmed_at" : "mentee_confirmed_at";
    if (session[side]) throw new DomainError("You already confirmed this session.", 409, "sessionId");
    const other = side === "mentor_confirmed_at" ? session.mentee_confirmed_at : session.mentor_confirmed_at;
    await trx
      .updateTable("mentorship_sessions")
      .set({ [side]: at, ...(other ? { confirmed_at: at } : {}) })
      .where("id", "=", session.id)
      .execute();
    if (other) {
      await appendEvent(trx, {
        type: "mentoring.session_confirmed",
        payload: { ...eventIds(row), sessionId: session.id },
        actorId: actor.id,
        occurredAt: at,
      });
    }
    return { confirmed: Boolean(other) };
  });
}

export async function listSessions(db: Kysely<DB>, mentorshipId: number) {
  return db
    .selectFrom("mentorship_sessions")
    .select([
      "id",
      sql<string>`to_char(held_on, 'YYYY-MM-DD')`.as("held_on"),
      "duration_minutes",
      "topics",
      "summary",
      "logged_by",
      "mentor_confirmed_at",
      "mentee_confirmed_at",
      "confirmed_at",
    ])
    .where("mentorship_id", "=", mentorshipId)
    .orderBy("held_on", "desc")
    .orderBy("id", "desc")
    .execute();
}
