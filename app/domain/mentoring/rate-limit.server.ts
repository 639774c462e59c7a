import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { DomainError } from "../errors";

type Db = Kysely<DB> | Transaction<DB>;
const DAY = 24 * 3600_000;

/**
 * Limits counted from the tables themselves, so every app process agrees: a mentee cannot
 * spray requests at every mentor, and a private space cannot be flooded with notes or sessions.
 */
export const MENTORING_LIMITS = {
  requestsPerDay: 5,
  notesPerHour: 30,
  sessionsPerDay: 10,
} as const;

export async function assertMayRequest(db: Db, menteeId: string, at: Date) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from mentorships
    where mentee_id = ${menteeId} and requested_at > ${new Date(at.getTime() - DAY)} and requested_at <= ${at}`.execute(db);
  if (Number(rows[0]?.n ?? 0) >= MENTORING_LIMITS.requestsPerDay) {
    throw new DomainError(
      `You can send ${MENTORING_LIMITS.requestsPerDay} mentoring requests a day. Wait for answers, or try again tomorrow.`,
      429,
      "mentorId",
    );
  }
}

export async function assertMayWriteNote(db: Db, authorId: string, at: Date) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from mentorship_notes
    where author_id = ${authorId} and created_at > ${new Date(at.getTime() - 3600_000)}`.execute(db);
  if (Number(rows[0]?.n ?? 0) >= MENTORING_LIMITS.notesPerHour) {
    throw new DomainError("You are adding notes faster than we allow. Try again in an hour.", 429, "body");
  }
}

export async function assertMayLogSession(db: Db, userId: string, at: Date) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from mentorship_sessions
    where logged_by = ${userId} and created_at > ${new Date(at.getTime() - DAY)}`.execute(db);
  if (Number(rows[0]?.n ?? 0) >= MENTORING_LIMITS.sessionsPerDay) {
    throw new DomainError("You have logged many sessions today. Try again tomorrow.", 429, "heldOn");
  }
}
