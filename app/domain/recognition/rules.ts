import { z } from "zod";
import { badgeIds } from "./badges";
import { defaultBadgeSettings, defaultLevelSettings, defaultManualBadgeSettings, definitionSchemas } from "./definitions";

/**
 * Point rules as data. A RuleSet is stored as one version in recognition_rule_versions; the
 * version in force at an event's occurred_at decides its points (live and in a replay alike).
 */
export const ruleKeys = [
  "thread_created",
  "reply_posted",
  "reaction_received",
  "answer_accepted",
  "answer_accepted_asker",
  "mentoring_session_confirmed",
  "mentorship_completed",
  "council_proposal_authored",
  "council_meeting_attended",
  // Reported by integrations through the API (docs/decisions/025-external-points-api.md).
  "certification_earned",
  "deal_registered",
  "event_attended",
] as const;
export type RuleKey = (typeof ruleKeys)[number];

/** What the ledger's `rule` column can hold besides the rule keys. */
export const MODERATOR_AWARD = "moderator_award";
export const REVERSAL = "reversal";

export const ruleLabels: Record<RuleKey | typeof MODERATOR_AWARD | typeof REVERSAL, string> = {
  thread_created: "Thread started",
  reply_posted: "Reply posted",
  reaction_received: "Reaction received",
  answer_accepted: "Answer accepted",
  answer_accepted_asker: "Accepted an answer to their question",
  mentoring_session_confirmed: "Mentoring session confirmed",
  mentorship_completed: "Mentorship completed with good feedback",
  council_proposal_authored: "Council proposal authored",
  council_meeting_attended: "Council meeting attended",
  certification_earned: "Certification earned",
  deal_registered: "Deal registered",
  event_attended: "Event attended",
  moderator_award: "Moderator award",
  reversal: "Reversed",
};

/** Anything above these is a typo, not a policy: 1000 points for one reply would drown the board. */
export const MAX_POINTS = 1000;
export const MAX_DAILY_CAP = 100_000;

const ruleSchema = z.object({
  points: z
    .number({ error: "Points must be a whole number." })
    .int("Points must be a whole number.")
    .min(0, "Points cannot be negative.")
    .max(MAX_POINTS, `Points above ${MAX_POINTS} are not allowed.`),
  dailyCap: z
    .number({ error: "The daily cap must be a whole number." })
    .int("The daily cap must be a whole number.")
    .min(1, "A daily cap must be at least 1 (leave it empty for no cap).")
    .max(MAX_DAILY_CAP, `A daily cap above ${MAX_DAILY_CAP} is not a cap.`)
    .nullable(),
  enabled: z.boolean(),
});
export type Rule = z.infer<typeof ruleSchema>;

/**
 * Rules added after versions were first stored: a version saved before they existed reads these
 * defaults (no external event could have happened under it), so old versions still parse.
 */
export const externalRuleDefaults: Partial<Record<RuleKey, Rule>> = {
  certification_earned: { points: 20, dailyCap: null, enabled: true },
  deal_registered: { points: 5, dailyCap: null, enabled: true },
  event_attended: { points: 5, dailyCap: null, enabled: true },
};

/** The external caps (decision 025), with the same reading for versions stored before them. */
export const DEFAULT_EXTERNAL_CAPS = { personDailyCap: 50, keyDailyCap: 2000 };
const externalCap = (label: string) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(1, `${label} must be at least 1.`)
    .max(MAX_DAILY_CAP, `${label} above ${MAX_DAILY_CAP} is not a cap.`);

export const ruleSetSchema = z.object({
  rules: z
    .object(
      Object.fromEntries(
        ruleKeys.map((key) => {
          const fallback = externalRuleDefaults[key];
          return [key, fallback ? ruleSchema.default(fallback) : ruleSchema];
        }),
      ) as Record<RuleKey, typeof ruleSchema>,
    )
    .strict(),
  antiGaming: z
    .object({
      pairDailyLimit: z
        .number()
        .int("The per-pair limit must be a whole number.")
        .min(1, "The per-pair limit must be at least 1.")
        .max(1000, "A per-pair limit above 1000 is not a limit."),
      sameOrganizationPercent: z
        .number()
        .int("The same-organization share must be a whole percentage.")
        .min(0, "The same-organization share cannot be negative.")
        .max(100, "The same-organization share cannot exceed 100%."),
    })
    .strict(),
  // Points from integrations, per person and per API key and UTC day, all external rules together.
  external: z
    .object({ personDailyCap: externalCap("The daily cap per person"), keyDailyCap: externalCap("The daily cap per API key") })
    .strict()
    .default(DEFAULT_EXTERNAL_CAPS),
  disabledBadges: z.array(
    z.string().refine((id) => badgeIds.has(id), { error: (issue) => `There is no badge called "${String(issue.input)}".` }),
  ),
  // Badge words and thresholds, manual badges on/off, level thresholds (definitions.ts, decision 016).
  ...definitionSchemas,
});
export type RuleSet = z.infer<typeof ruleSetSchema>;

export interface RuleVersion {
  version: number;
  effectiveAt: Date;
  rules: RuleSet;
}

export const DEFAULT_RULES: RuleSet = {
  rules: {
    thread_created: { points: 5, dailyCap: null, enabled: true },
    reply_posted: { points: 2, dailyCap: null, enabled: true },
    reaction_received: { points: 5, dailyCap: 200, enabled: true },
    answer_accepted: { points: 15, dailyCap: null, enabled: true },
    answer_accepted_asker: { points: 2, dailyCap: null, enabled: true },
    mentoring_session_confirmed: { points: 10, dailyCap: null, enabled: true },
    mentorship_completed: { points: 50, dailyCap: null, enabled: true },
    council_proposal_authored: { points: 10, dailyCap: null, enabled: true },
    council_meeting_attended: { points: 5, dailyCap: null, enabled: true },
    certification_earned: { points: 20, dailyCap: null, enabled: true },
    deal_registered: { points: 5, dailyCap: null, enabled: true },
    event_attended: { points: 5, dailyCap: null, enabled: true },
  },
  antiGaming: { pairDailyLimit: 5, sameOrganizationPercent: 50 },
  external: DEFAULT_EXTERNAL_CAPS,
  disabledBadges: [],
  badges: defaultBadgeSettings,
  manualBadges: defaultManualBadgeSettings,
  levels: defaultLevelSettings,
};

export type RuleSetProblem = { field: string; message: string };

/** Validates a rule set; problems name the field (e.g. "rules.reaction_received.points"). */
export function checkRuleSet(input: unknown): { ok: true; rules: RuleSet } | { ok: false; problems: RuleSetProblem[] } {
  const parsed = ruleSetSchema.safeParse(input);
  if (parsed.success) return { ok: true, rules: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })),
  };
}

/** The version in force at `at`: the latest whose effective_at is not after it. `versions` sorted by effective_at. */
export function versionAt(versions: readonly RuleVersion[], at: Date): RuleVersion {
  let found: RuleVersion | undefined;
  for (const version of versions) {
    if (version.effectiveAt.getTime() <= at.getTime()) found = version;
    else break;
  }
  if (!found) throw new Error(`no recognition rule version is in force at ${at.toISOString()}`);
  return found;
}
