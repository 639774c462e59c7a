import type { BadgeTier } from "../../../db/schema-parts/recognition";

/**
 * Automatic badges as data: a counter the engine maintains and a threshold per tier.
 * A badge with one tier uses "bronze". Counters are listed in `badgeCounters`; a criterion that
 * names anything else is rejected by `checkBadgeDefinitions` (run at module load and in tests).
 */
export const badgeCounters = {
  posts: "threads and replies posted",
  accepted_answers: "answers accepted (less those unaccepted or removed)",
  kudos_received: "first reactions received from each person on each post",
  welcomes: "first replies to a newcomer's first thread",
  mentorships_completed: "mentorships completed as mentor",
  council_contributions: "council proposals authored and meetings attended",
  streak_best: "longest run of consecutive days with a post",
  sector_accepted_answers: "answers accepted in community-sector categories",
  certifications_earned: "certifications reported by integrations (decision 025)",
} as const;
export type BadgeCounter = keyof typeof badgeCounters;

export interface BadgeDefinition {
  id: string;
  name: string;
  description: string;
  counter: string;
  tiers: Partial<Record<BadgeTier, number>>;
}

export const badgeDefinitions: readonly BadgeDefinition[] = [
  { id: "first-post", name: "First post", description: "Posted for the first time.", counter: "posts", tiers: { bronze: 1 } },
  { id: "first-accepted-answer", name: "First accepted answer", description: "An answer of theirs was accepted.", counter: "accepted_answers", tiers: { bronze: 1 } },
  { id: "problem-solver", name: "Problem solver", description: "Answers accepted: 10, 50, 200.", counter: "accepted_answers", tiers: { bronze: 10, silver: 50, gold: 200 } },
  { id: "kudos", name: "Appreciated", description: "Reactions received: 25, 100, 500.", counter: "kudos_received", tiers: { bronze: 25, silver: 100, gold: 500 } },
  { id: "helpful-welcomer", name: "Helpful welcomer", description: "First to reply to 10 newcomers' first threads.", counter: "welcomes", tiers: { bronze: 10 } },
  { id: "mentor", name: "Mentor", description: "Mentorships completed: 1, 5, 20.", counter: "mentorships_completed", tiers: { bronze: 1, silver: 5, gold: 20 } },
  { id: "council-contributor", name: "Council contributor", description: "Authored a proposal or attended a meeting of the advisory council.", counter: "council_contributions", tiers: { bronze: 1 } },
  { id: "streak", name: "On a roll", description: "Posted on 7 (bronze) or 30 (gold) days in a row.", counter: "streak_best", tiers: { bronze: 7, gold: 30 } },
  { id: "community-sector-champion", name: "Community-sector champion", description: "Answers accepted in community-sector topics: 3, 15, 50.", counter: "sector_accepted_answers", tiers: { bronze: 3, silver: 15, gold: 50 } },
  { id: "certified", name: "Certified", description: "Certifications earned: 1, 3, 10.", counter: "certifications_earned", tiers: { bronze: 1, silver: 3, gold: 10 } },
];

export const tierOrder: readonly BadgeTier[] = ["bronze", "silver", "gold"];

/** Problems with a list of definitions; empty when it is sound. */
export function checkBadgeDefinitions(definitions: readonly BadgeDefinition[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const badge of definitions) {
    if (seen.has(badge.id)) problems.push(`Badge "${badge.id}" is defined twice.`);
    seen.add(badge.id);
    if (!Object.hasOwn(badgeCounters, badge.counter)) {
      problems.push(`Badge "${badge.id}" counts "${badge.counter}", which the engine does not count.`);
    }
    const thresholds = tierOrder.flatMap((tier) => (badge.tiers[tier] === undefined ? [] : [badge.tiers[tier]]));
    if (thresholds.length === 0) problems.push(`Badge "${badge.id}" has no tier.`);
    if (thresholds.some((n) => !Number.isInteger(n) || n < 1)) problems.push(`Badge "${badge.id}" needs whole thresholds of at least 1.`);
    if (thresholds.some((n, i) => i > 0 && n <= thresholds[i - 1]!)) problems.push(`Badge "${badge.id}" needs rising thresholds.`);
  }
  return problems;
}

const problems = checkBadgeDefinitions(badgeDefinitions);
if (problems.length > 0) throw new Error(`Invalid badge definitions: ${problems.join(" ")}`);

export const badgeIds: ReadonlySet<string> = new Set(badgeDefinitions.map((badge) => badge.id));

export const badgeDefinition = (id: string) => badgeDefinitions.find((badge) => badge.id === id);

/** Tiers of `badge` that `count` reaches, lowest first. */
export function tiersReached(badge: BadgeDefinition, count: number): BadgeTier[] {
  return tierOrder.filter((tier) => badge.tiers[tier] !== undefined && count >= badge.tiers[tier]);
}

/**
 * Badges only a moderator awards (`moderation.badge_awarded`): the award form offers exactly
 * these and the server refuses any other key, so a typo never becomes a badge on a profile.
 * Their ids must not collide with the automatic ones above.
 */
export interface ManualBadgeDefinition {
  id: string;
  name: string;
  description: string;
}

export const manualBadgeDefinitions: readonly ManualBadgeDefinition[] = [
  { id: "helpful-mentor", name: "Helpful mentor", description: "Went out of their way to guide a newer partner." },
  { id: "community-champion", name: "Community champion", description: "Carried the community through a busy stretch." },
  { id: "great-write-up", name: "Great write-up", description: "Wrote a guide or answer others keep coming back to." },
  { id: "bug-hunter", name: "Bug hunter", description: "Reported a product problem clearly enough to get it fixed." },
  { id: "event-host", name: "Event host", description: "Organised or hosted a community event." },
];

for (const manual of manualBadgeDefinitions) {
  if (badgeIds.has(manual.id)) throw new Error(`Manual badge "${manual.id}" shares its id with an automatic badge.`);
}

export const manualBadgeDefinition = (id: string) => manualBadgeDefinitions.find((badge) => badge.id === id);
