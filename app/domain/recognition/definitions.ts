import { z } from "zod";
import type { BadgeTier } from "../../../db/schema-parts/recognition";
import { badgeDefinitions, manualBadgeDefinitions, tierOrder, type BadgeDefinition, type ManualBadgeDefinition } from "./badges";
import { LEVELS, type Level } from "./levels";

/**
 * Badge and level definitions as part of a rule version (docs/decisions/016): admins edit names,
 * descriptions, tier thresholds, manual badges on/off and level thresholds; each save is a new
 * version in force from then on, like point rules (011). What stays code: which counter a badge
 * counts, which tiers it has, which levels exist and their order. A version stored before this
 * existed reads the code's constants: the values that were in force then.
 */
const MAX_THRESHOLD = 1_000_000;

const name = z.string().trim().min(1, "A name is required.").max(60, "Keep the name under 60 characters.");
const description = z.string().trim().min(1, "A description is required.").max(200, "Keep the description under 200 characters.");
const threshold = z
  .number({ error: "A threshold must be a whole number." })
  .int("A threshold must be a whole number.")
  .min(1, "A threshold must be at least 1.")
  .max(MAX_THRESHOLD, `A threshold above ${MAX_THRESHOLD} is never reached.`);
const minimum = (label: string) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(0, `${label} cannot be negative.`)
    .max(MAX_THRESHOLD, `${label} above ${MAX_THRESHOLD} is never reached.`);

function badgeSchema(badge: BadgeDefinition) {
  const tiers = tierOrder.filter((tier) => badge.tiers[tier] !== undefined);
  return z
    .object({
      name,
      description,
      tiers: z.object({ bronze: threshold.optional(), silver: threshold.optional(), gold: threshold.optional() }).strict(),
    })
    .strict()
    .superRefine((value, ctx) => {
      // The tiers a badge has are code (what the engine grants); only their thresholds are data.
      for (const tier of tierOrder) {
        const has = value.tiers[tier] !== undefined;
        if (has !== tiers.includes(tier)) {
          ctx.addIssue({ code: "custom", path: ["tiers", tier], message: has ? `This badge has no ${tier} tier.` : "A threshold is required." });
        }
      }
      for (let i = 1; i < tiers.length; i++) {
        const [lower, higher] = [value.tiers[tiers[i - 1]!], value.tiers[tiers[i]!]];
        if (typeof lower === "number" && typeof higher === "number" && higher <= lower) {
          ctx.addIssue({ code: "custom", path: ["tiers", tiers[i]!], message: `The ${tiers[i]} threshold must be above the ${tiers[i - 1]} one (${lower}).` });
        }
      }
    });
}

const levelSchema = z
  .object({
    minPoints: minimum("Points"),
    minDays: minimum("Days since joining"),
    minAcceptedAnswers: minimum("Accepted answers"),
    minMentorships: minimum("Mentorships"),
  })
  .strict();
export type LevelThresholds = z.infer<typeof levelSchema>;
export const levelFields = ["minPoints", "minDays", "minAcceptedAnswers", "minMentorships"] as const satisfies readonly (keyof LevelThresholds)[];

/** Levels above the first: the newcomer level needs nothing and is not editable. */
const editableLevels = LEVELS.slice(1);

export const defaultBadgeSettings = Object.fromEntries(
  badgeDefinitions.map((badge) => [badge.id, { name: badge.name, description: badge.description, tiers: { ...badge.tiers } }]),
);
export const defaultManualBadgeSettings = Object.fromEntries(
  manualBadgeDefinitions.map((badge) => [badge.id, { name: badge.name, description: badge.description, enabled: true }]),
);
export const defaultLevelSettings = Object.fromEntries(
  editableLevels.map((level) => [
    level.id,
    { minPoints: level.minPoints, minDays: level.minDays, minAcceptedAnswers: level.minAcceptedAnswers, minMentorships: level.minMentorships },
  ]),
);

export const definitionSchemas = {
  badges: z
    // Per badge defaults: a version stored before a badge was added reads the code's definition.
    .object(Object.fromEntries(badgeDefinitions.map((badge) => [badge.id, badgeSchema(badge).default(defaultBadgeSettings[badge.id]!)])))
    .strict()
    .default(defaultBadgeSettings),
  manualBadges: z
    .object(Object.fromEntries(manualBadgeDefinitions.map((badge) => [badge.id, z.object({ name, description, enabled: z.boolean() }).strict()])))
    .strict()
    .default(defaultManualBadgeSettings),
  levels: z
    .object(Object.fromEntries(editableLevels.map((level) => [level.id, levelSchema])))
    .strict()
    .default(defaultLevelSettings)
    .superRefine((value, ctx) => {
      // Each level needs more points than the one below, or the ladder skips a step.
      for (let i = 1; i < editableLevels.length; i++) {
        const lower = value[editableLevels[i - 1]!.id] as LevelThresholds | undefined;
        const higher = value[editableLevels[i]!.id] as LevelThresholds | undefined;
        if (lower && higher && higher.minPoints <= lower.minPoints) {
          ctx.addIssue({
            code: "custom",
            path: [editableLevels[i]!.id, "minPoints"],
            message: `${editableLevels[i]!.name} must need more points than ${editableLevels[i - 1]!.name} (${lower.minPoints}).`,
          });
        }
      }
    }),
};

/** The part of a rule set this module reads. */
export interface DefinitionSettings {
  badges: Record<string, { name: string; description: string; tiers: Partial<Record<BadgeTier, number>> }>;
  manualBadges: Record<string, { name: string; description: string; enabled: boolean }>;
  levels: Record<string, LevelThresholds>;
}

/** Automatic badges as a version defines them: the code's counter and tiers, the version's words and thresholds. */
export function badgesIn(settings: DefinitionSettings): BadgeDefinition[] {
  return badgeDefinitions.map((badge) => {
    const own = settings.badges[badge.id];
    return own ? { ...badge, name: own.name, description: own.description, tiers: { ...own.tiers } } : badge;
  });
}

export interface ManualBadge extends ManualBadgeDefinition {
  enabled: boolean;
}

export function manualBadgesIn(settings: DefinitionSettings): ManualBadge[] {
  return manualBadgeDefinitions.map((badge) => ({ ...badge, ...(settings.manualBadges[badge.id] ?? { enabled: true }) }));
}

/** The ladder as a version defines it. */
export function levelsIn(settings: DefinitionSettings): Level[] {
  return LEVELS.map((level) => ({ ...level, ...settings.levels[level.id] }));
}

/** A badge's display name, automatic or manual; an unknown key (an old manual badge) shows as given. */
export function badgeNameIn(settings: DefinitionSettings, id: string): string {
  return settings.badges[id]?.name ?? settings.manualBadges[id]?.name ?? badgeDefinitions.find((b) => b.id === id)?.name ?? manualBadgeDefinitions.find((b) => b.id === id)?.name ?? id;
}
