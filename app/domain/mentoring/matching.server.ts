import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { authorize } from "../policy.server";
import { canonicalTopics } from "./profiles.server";
import { rankMentors, type MenteeNeeds, type MentorCandidate, type RankedMentor } from "./scoring";
import { scoringWeights } from "./settings.server";
import { DomainError } from "../errors";
import { menteeNeedsSchema, parseInput, type MenteeNeedsInput } from "./validation";

export const MAX_SUGGESTIONS = 20;

export interface MentorCard {
  userId: string;
  displayName: string;
  handle: string;
  title: string;
  organizationName: string | null;
  pitch: string;
  topics: string[];
  languages: string[];
  timeZone: string;
  segments: string[];
}

export type Suggestion = RankedMentor & { card: MentorCard };

/**
 * Mentors the mentee could ask, as scoring inputs: accepting, not suspended, not already asked
 * or mentoring them now. Load and feedback are counted here; the rules about them live in the
 * pure scoring function.
 */
export async function loadCandidates(db: Kysely<DB>, menteeId: string, at: Date) {
  const rows = await db
    .selectFrom("mentor_profiles as mp")
    .innerJoin("users as u", "u.id", "mp.user_id")
    .leftJoin("organizations as o", "o.id", "u.organization_id")
    .select([
      "mp.user_id",
      "mp.accepting",
      "mp.capacity",
      "mp.topics",
      "mp.languages",
      "mp.time_zone",
      "mp.segments",
      "mp.pitch",
      "u.display_name",
      "u.handle",
      "u.title",
      "u.organization_id",
      "o.name as organization_name",
      (eb) =>
        eb
          .selectFrom("mentorships as m")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("m.mentor_id", "=", "mp.user_id")
          .where("m.status", "=", "active")
          .as("active_mentees"),
      // Feedback about the mentor from their mentees only; a mentor's notes on mentees do not rate them.
      (eb) =>
        eb
          .selectFrom("mentorship_feedback as f")
          .innerJoin("mentorships as fm", "fm.id", "f.mentorship_id")
          .select(sql<string | null>`avg(f.rating)::text`.as("r"))
          .whereRef("f.subject_id", "=", "mp.user_id")
          .whereRef("f.author_id", "=", "fm.mentee_id")
          .as("average_rating"),
      (eb) =>
        eb
          .selectFrom("mentorship_feedback as f")
          .innerJoin("mentorships as fm", "fm.id", "f.mentorship_id")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("f.subject_id", "=", "mp.user_id")
          .whereRef("f.author_id", "=", "fm.mentee_id")
          .as("rating_count"),
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom("mentorships as x")
              .select("x.id")
              .whereRef("x.mentor_id", "=", "mp.user_id")
              .where("x.mentee_id", "=", menteeId)
              .where("x.end_reason", "=", "not_a_good_fit"),
          )
          .as("excluded"),
    ])
    .where("mp.accepting", "=", true)
    .where("mp.user_id", "<>", menteeId)
    .where((eb) => eb.or([eb("u.suspended_until", "is", null), eb("u.suspended_until", "<=", at)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("mentorships as open")
            .select("open.id")
            .whereRef("open.mentor_id", "=", "mp.user_id")
            .where("open.mentee_id", "=", menteeId)
            .where("open.status", "in", ["requested", "active"]),
        ),
      ),
    )
    .execute();
  return rows.map((row) => ({
    candidate: {
      userId: row.user_id,
      organizationId: row.organization_id,
      accepting: row.accepting,
      capacity: row.capacity,
      activeMentees: Number(row.active_mentees ?? 0),
      topics: row.topics,
      languages: row.languages,
      timeZone: row.time_zone,
      segments: row.segments,
      averageRating: row.average_rating === null ? null : Number(row.average_rating),
      ratingCount: Number(row.rating_count ?? 0),
      excluded: Boolean(row.excluded),
    } satisfies MentorCandidate,
    card: {
      userId: row.user_id,
      displayName: row.display_name,
      handle: row.handle,
      title: row.title,
      organizationName: row.organization_name,
      pitch: row.pitch,
      topics: row.topics,
      languages: row.languages,
      timeZone: row.time_zone,
      segments: row.segments,
    } satisfies MentorCard,
  }));
}

/** The mentee's needs as the scoring function takes them; topics spelled as the vocabulary spells them. */
export async function menteeNeeds(db: Kysely<DB>, actor: SessionUser, input: MenteeNeedsInput): Promise<MenteeNeeds> {
  return {
    menteeId: actor.id,
    organizationId: actor.organizationId,
    topics: await canonicalTopics(db, input.topics),
    languages: input.languages,
    languageRequired: input.languageRequired,
    timeZone: input.timeZone,
    segment: input.segment,
  };
}

/** Ranked suggestions for the signed-in mentee, each with its breakdown. */
export async function findMentors(db: Kysely<DB>, actor: SessionUser, raw: unknown, at = new Date()): Promise<Suggestion[]> {
  authorize(actor, "mentoring.find", undefined);
  const parsed = parseInput(menteeNeedsSchema, raw);
  if (!parsed.ok) {
    const [field, message] = Object.entries(parsed.errors)[0]!;
    throw new DomainError(message!, 400, field);
  }
  const needs = await menteeNeeds(db, actor, parsed.data);
  const [candidates, weights] = await Promise.all([loadCandidates(db, actor.id, at), scoringWeights(db)]);
  const cards = new Map(candidates.map((c) => [c.candidate.userId, c.card]));
  return rankMentors(needs, candidates.map((c) => c.candidate), weights, at)
    .slice(0, MAX_SUGGESTIONS)
    .map((ranked) => ({ ...ranked, card: cards.get(ranked.mentor.userId)! }));
}
