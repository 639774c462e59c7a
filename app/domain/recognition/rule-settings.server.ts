import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { FieldErrors } from "../../utils/forms";
import { badgeDefinitions, manualBadgeDefinitions, tierOrder } from "./badges";
import { levelFields } from "./definitions";
import { LEVELS } from "./levels";
import { checkRuleSet, ruleKeys, type RuleSet } from "./rules";

/**
 * The admin settings form <-> a RuleSet. Field names are flat ("reaction_received.points",
 * "pairDailyLimit") so every problem lands at the input that caused it; validation itself is
 * the engine's (rules.ts `checkRuleSet`), so the page can never accept what the engine refuses.
 */
export const MAX_NOTE_LENGTH = 200;

/** The form's values for a rule set, as strings the inputs show. */
export function ruleSetFormValues(rules: RuleSet): Record<string, string> {
  const values: Record<string, string> = {
    pairDailyLimit: String(rules.antiGaming.pairDailyLimit),
    sameOrganizationPercent: String(rules.antiGaming.sameOrganizationPercent),
    "external.personDailyCap": String(rules.external.personDailyCap),
    "external.keyDailyCap": String(rules.external.keyDailyCap),
  };
  for (const key of ruleKeys) {
    const rule = rules.rules[key];
    values[`${key}.points`] = String(rule.points);
    values[`${key}.dailyCap`] = rule.dailyCap === null ? "" : String(rule.dailyCap);
    if (rule.enabled) values[`${key}.enabled`] = "on";
  }
  for (const badge of badgeDefinitions) {
    if (!rules.disabledBadges.includes(badge.id)) values[`badge.${badge.id}`] = "on";
    const own = rules.badges[badge.id]!;
    values[`badge.${badge.id}.name`] = own.name;
    values[`badge.${badge.id}.description`] = own.description;
    for (const tier of tierOrder) if (own.tiers[tier] !== undefined) values[`badge.${badge.id}.${tier}`] = String(own.tiers[tier]);
  }
  for (const badge of manualBadgeDefinitions) {
    const own = rules.manualBadges[badge.id]!;
    values[`manual.${badge.id}.name`] = own.name;
    values[`manual.${badge.id}.description`] = own.description;
    if (own.enabled) values[`manual.${badge.id}.enabled`] = "on";
  }
  for (const level of LEVELS.slice(1)) {
    for (const key of levelFields) values[`level.${level.id}.${key}`] = String(rules.levels[level.id]![key]);
  }
  return values;
}

const wholeNumber = /^-?\d+$/;

/** Reads the submitted form; non-numbers are refused here, ranges by the engine's schema. */
export function ruleSetFromForm(values: Record<string, string>): { ok: true; rules: RuleSet; note: string } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (field: string, label: string, optional = false): number | null => {
    const raw = (values[field] ?? "").trim();
    if (raw === "" && optional) return null;
    if (!wholeNumber.test(raw)) {
      errors[field] = raw === "" ? `${label} is required.` : `${label} must be a whole number.`;
      return 0;
    }
    return Number(raw);
  };
  const rules = Object.fromEntries(
    ruleKeys.map((key) => [
      key,
      {
        points: number(`${key}.points`, "Points"),
        dailyCap: number(`${key}.dailyCap`, "The daily cap", true),
        enabled: values[`${key}.enabled`] === "on",
      },
    ]),
  );
  const candidate = {
    rules,
    antiGaming: {
      pairDailyLimit: number("pairDailyLimit", "The per-pair limit"),
      sameOrganizationPercent: number("sameOrganizationPercent", "The same-organization share"),
    },
    external: {
      personDailyCap: number("external.personDailyCap", "The daily cap per person"),
      keyDailyCap: number("external.keyDailyCap", "The daily cap per API key"),
    },
    disabledBadges: badgeDefinitions.filter((badge) => values[`badge.${badge.id}`] !== "on").map((badge) => badge.id),
    badges: Object.fromEntries(
      badgeDefinitions.map((badge) => [
        badge.id,
        {
          name: values[`badge.${badge.id}.name`] ?? "",
          description: values[`badge.${badge.id}.description`] ?? "",
          tiers: Object.fromEntries(tierOrder.filter((tier) => badge.tiers[tier] !== undefined).map((tier) => [tier, number(`badge.${badge.id}.${tier}`, "The threshold")])),
        },
      ]),
    ),
    manualBadges: Object.fromEntries(
      manualBadgeDefinitions.map((badge) => [
        badge.id,
        { name: values[`manual.${badge.id}.name`] ?? "", description: values[`manual.${badge.id}.description`] ?? "", enabled: values[`manual.${badge.id}.enabled`] === "on" },
      ]),
    ),
    levels: Object.fromEntries(
      LEVELS.slice(1).map((level) => [level.id, Object.fromEntries(levelFields.map((key) => [key, number(`level.${level.id}.${key}`, "This value")]))]),
    ),
  };
  const note = (values.note ?? "").trim();
  if (note.length > MAX_NOTE_LENGTH) errors.note = `Keep the note under ${MAX_NOTE_LENGTH} characters.`;
  const checked = checkRuleSet(candidate);
  if (!checked.ok) {
    for (const problem of checked.problems) errors[formField(problem.field)] ??= problem.message;
  }
  if (Object.keys(errors).length > 0 || !checked.ok) return { ok: false, errors };
  return { ok: true, rules: checked.rules, note };
}

/**
 * "rules.reaction_received.points" -> "reaction_received.points"; "antiGaming.pairDailyLimit" -> "pairDailyLimit";
 * "badges.kudos.tiers.silver" -> "badge.kudos.silver"; "manualBadges.x.name" -> "manual.x.name"; "levels.x.minDays" -> "level.x.minDays".
 */
function formField(path: string) {
  if (path.startsWith("rules.")) return path.slice("rules.".length);
  if (path.startsWith("antiGaming.")) return path.slice("antiGaming.".length);
  if (path.startsWith("badges.")) return `badge.${path.slice("badges.".length).replace(".tiers.", ".")}`;
  if (path.startsWith("manualBadges.")) return `manual.${path.slice("manualBadges.".length)}`;
  if (path.startsWith("levels.")) return `level.${path.slice("levels.".length)}`;
  if (path.startsWith("external.")) return path;
  return "form";
}

/** Every published version, newest first, with who published it. */
export async function ruleVersionHistory(db: Kysely<DB>) {
  return db
    .selectFrom("recognition_rule_versions as version")
    .leftJoin("users", "users.id", "version.created_by")
    .select(["version.version", "version.effective_at", "version.note", "version.created_at", "users.display_name as published_by"])
    .orderBy("version.version", "desc")
    .limit(50)
    .execute();
}
