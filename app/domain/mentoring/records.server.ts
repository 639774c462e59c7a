import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { MentorshipRow } from "../../../db/schema-parts/mentoring";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { can, type MentorshipRef } from "../policy.server";

type Db = Kysely<DB> | Transaction<DB>;

export const mentorshipRef = (row: Pick<MentorshipRow, "mentor_id" | "mentee_id" | "status">): MentorshipRef => ({
  mentorId: row.mentor_id,
  menteeId: row.mentee_id,
  status: row.status,
});

/**
 * The mentorship behind a URL id, as the actor may see it: anyone but its two people and
 * admins gets the same 404 as for an id that does not exist. `forUpdate` locks the row for
 * the rest of the transaction, so two answers to one request are applied one after the other.
 */
export async function findMentorship(db: Db, actor: SessionUser, publicId: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("mentorships").selectAll().where("public_id", "=", publicId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || !can(actor, "mentoring.view", mentorshipRef(row))) throw notFound("That mentorship");
  return row;
}

export const isParty = (actor: SessionUser, row: Pick<MentorshipRow, "mentor_id" | "mentee_id">) =>
  actor.id === row.mentor_id || actor.id === row.mentee_id;

const stateWords: Record<MentorshipRow["status"], string> = {
  requested: "is still waiting for an answer",
  declined: "was declined",
  expired: "expired without an answer",
  withdrawn: "was withdrawn",
  active: "is active",
  ended: "has ended",
};

/** A 409 that says where the mentorship stands, for an action that does not fit its state. */
export function wrongState(row: Pick<MentorshipRow, "status">, wanted: string) {
  return new DomainError(`You cannot ${wanted}: this mentorship ${stateWords[row.status]}.`, 409);
}

export const eventIds = (row: Pick<MentorshipRow, "id" | "mentor_id" | "mentee_id">) => ({
  mentorshipId: Number(row.id),
  mentorId: row.mentor_id,
  menteeId: row.mentee_id,
});

export const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
