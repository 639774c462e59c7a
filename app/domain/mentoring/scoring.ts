import { hoursApart } from "./time-zones";
import { normalizeTerm } from "./vocabulary";

/**
 * Ranking mentors for a mentee: a pure function of what both sides said, so the same inputs
 * always give the same ranking and every point can be explained in words
 * (docs/decisions/012-mentor-matching.md).
 */

export const SCORE_PARTS = ["topics", "language", "timeZone", "capacity", "segment", "feedback", "organization"] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];
export type ScoringWeights = Record<ScorePart, number>;

export const DEFAULT_WEIGHTS: ScoringWeights = {
  topics: 35,
  language: 15,
  timeZone: 10,
  capacity: 15,
  segment: 10,
  feedback: 10,
  organization: 5,
};

export const scorePartLabels: Record<ScorePart, string> = {
  topics: "Topic overlap",
  language: "Shared language",
  timeZone: "Time-zone distance",
  capacity: "Places left (fair load)",
  segment: "Segment experience",
  feedback: "Past feedback",
  organization: "From another organization",
};

/** Beyond this many hours apart a meeting time is as hard to find as it gets. */
const MAX_HOURS_APART = 12;

export interface MenteeNeeds {
  menteeId: string;
  organizationId: number | null;
  topics: string[];
  languages: string[];
  /** When set, a mentor without one of `languages` is not suggested at all. */
  languageRequired: boolean;
  timeZone: string;
  segment: string | null;
}

export interface MentorCandidate {
  userId: string;
  organizationId: number | null;
  accepting: boolean;
  capacity: number;
  /** Active mentorships now. */
  activeMentees: number;
  topics: string[];
  languages: string[];
  timeZone: string;
  segments: string[];
  averageRating: number | null;
  ratingCount: number;
  /** Ended as "not a good fit" with this mentee, or another reason to leave them out. */
  excluded?: boolean;
}

export interface PartScore {
  part: ScorePart;
  /** 0 to 1: how well this part matches. */
  fit: number;
  weight: number;
  /** What the mentee reads: "topics 3/4", "2 h apart". */
  words: string;
}

export type Ineligible = "self" | "not_accepting" | "full" | "no_required_language" | "excluded";

export type MentorScore =
  | { eligible: true; score: number; parts: PartScore[]; summary: string }
  | { eligible: false; reason: Ineligible; words: string };

const ineligibleWords: Record<Ineligible, string> = {
  self: "this is you",
  not_accepting: "not accepting mentees now",
  full: "no places left",
  no_required_language: "does not speak a language you require",
  excluded: "an earlier mentorship was not a good fit",
};

const overlap = (wanted: string[], offered: string[]) => {
  const offeredSet = new Set(offered.map(normalizeTerm));
  return wanted.filter((term) => offeredSet.has(normalizeTerm(term)));
};

const formatHours = (hours: number) => (Number.isInteger(hours) ? String(hours) : hours.toFixed(1));
const formatRating = (rating: number) => (Math.round(rating * 10) / 10).toString();

/**
 * A part the mentee expressed no wish about (no topics, no segment) or that cannot be judged
 * (no feedback yet, no organization) returns null and leaves the score, so it neither helps
 * nor hurts anyone.
 */
function scoreParts(needs: MenteeNeeds, mentor: MentorCandidate, weights: ScoringWeights, at: Date): PartScore[] {
  const parts: (Omit<PartScore, "weight"> | null)[] = [];

  const wantedTopics = [...new Set(needs.topics.map(normalizeTerm))];
  if (wantedTopics.length > 0) {
    const shared = overlap(wantedTopics, mentor.topics).length;
    parts.push({ part: "topics", fit: shared / wantedTopics.length, words: `topics ${shared}/${wantedTopics.length}` });
  } else parts.push(null);

  if (needs.languages.length > 0) {
    const shared = overlap(needs.languages, mentor.languages);
    parts.push(
      shared.length > 0
        ? { part: "language", fit: 1, words: `same language (${shared.join(", ")})` }
        : { part: "language", fit: 0, words: "no shared language" },
    );
  } else parts.push(null);

  const apart = hoursApart(needs.timeZone, mentor.timeZone, at);
  if (apart === null) parts.push(null);
  else {
    const fit = 1 - Math.min(apart, MAX_HOURS_APART) / MAX_HOURS_APART;
    parts.push({ part: "timeZone", fit, words: apart === 0 ? "same time zone" : `${formatHours(apart)} h apart` });
  }

  const left = Math.max(0, mentor.capacity - mentor.activeMentees);
  // Fair load: the share of places still free, so a mentor already carrying more ranks lower.
  parts.push({
    part: "capacity",
    fit: mentor.capacity > 0 ? left / mentor.capacity : 0,
    words: `${left} of ${mentor.capacity} ${mentor.capacity === 1 ? "place" : "places"} left`,
  });

  if (needs.segment) {
    const knows = overlap([needs.segment], mentor.segments).length > 0;
    parts.push({ part: "segment", fit: knows ? 1 : 0, words: knows ? `knows ${needs.segment}` : `no ${needs.segment} experience listed` });
  } else parts.push(null);

  if (mentor.averageRating !== null && mentor.ratingCount > 0) {
    parts.push({
      part: "feedback",
      fit: (Math.min(5, Math.max(1, mentor.averageRating)) - 1) / 4,
      words: `rated ${formatRating(mentor.averageRating)}/5 by ${mentor.ratingCount} ${mentor.ratingCount === 1 ? "mentee" : "mentees"}`,
    });
  } else parts.push(null);

  if (needs.organizationId !== null) {
    const same = mentor.organizationId === needs.organizationId;
    parts.push({ part: "organization", fit: same ? 0 : 1, words: same ? "same organization as you" : "another organization" });
  } else parts.push(null);

  return parts.filter((part): part is Omit<PartScore, "weight"> => part !== null).map((part) => ({ ...part, weight: weights[part.part] }));
}

export function scoreMentor(needs: MenteeNeeds, mentor: MentorCandidate, weights: ScoringWeights, at: Date): MentorScore {
  const refuse = (reason: Ineligible): MentorScore => ({ eligible: false, reason, words: ineligibleWords[reason] });
  if (mentor.userId === needs.menteeId) return refuse("self");
  if (mentor.excluded) return refuse("excluded");
  if (!mentor.accepting) return refuse("not_accepting");
  if (mentor.activeMentees >= mentor.capacity) return refuse("full");
  if (needs.languageRequired && needs.languages.length > 0 && overlap(needs.languages, mentor.languages).length === 0) {
    return refuse("no_required_language");
  }
  const parts = scoreParts(needs, mentor, weights, at);
  const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0);
  const earned = parts.reduce((sum, part) => sum + part.weight * part.fit, 0);
  const score = totalWeight > 0 ? Math.round((earned / totalWeight) * 100) : 0;
  // Parts weighted zero by an admin still explain themselves; they just count for nothing.
  return { eligible: true, score, parts, summary: parts.map((part) => part.words).join(", ") };
}

export interface RankedMentor {
  mentor: MentorCandidate;
  score: number;
  parts: PartScore[];
  summary: string;
}

/**
 * Eligible mentors, best first. Ties go to the mentor with more places left (spreading the
 * load), then to the user id, so the order is stable between page loads.
 */
export function rankMentors(needs: MenteeNeeds, mentors: MentorCandidate[], weights: ScoringWeights, at: Date): RankedMentor[] {
  const ranked: RankedMentor[] = [];
  for (const mentor of mentors) {
    const result = scoreMentor(needs, mentor, weights, at);
    if (result.eligible) ranked.push({ mentor, score: result.score, parts: result.parts, summary: result.summary });
  }
  const placesLeft = (mentor: MentorCandidate) => mentor.capacity - mentor.activeMentees;
  return ranked.sort(
    (a, b) =>
      b.score - a.score ||
      placesLeft(b.mentor) - placesLeft(a.mentor) ||
      (a.mentor.userId < b.mentor.userId ? -1 : a.mentor.userId > b.mentor.userId ? 1 : 0),
  );
}

/** Admin-entered weights: whole numbers 0 to 100, not all zero. */
export function validateWeights(input: Partial<Record<string, unknown>>): { ok: true; weights: ScoringWeights } | { ok: false; field: string; message: string } {
  const weights = { ...DEFAULT_WEIGHTS };
  for (const part of SCORE_PARTS) {
    const raw = input[part];
    const value = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      return { ok: false, field: part, message: "Enter a whole number from 0 to 100." };
    }
    weights[part] = value;
  }
  if (SCORE_PARTS.every((part) => weights[part] === 0)) {
    return { ok: false, field: SCORE_PARTS[0], message: "At least one weight must be above 0." };
  }
  return { ok: true, weights };
}
