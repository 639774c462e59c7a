import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { FieldErrors } from "../../utils/forms";
import { badgeDefinitions } from "./badges";
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
  };
  for (const key of ruleKeys) {
    const rule = rules.rules[key];
    values[`${key}.points`] = String(rule.points);
    values[`${key}.dailyCap`] = rule.dailyCap === null ? "" : String(rule.dailyCap);
    if (rule.enabled) values[`${key}.enabled`] = "on";
  }
  for (const badge of badgeDefinitions) {
    if (!rules.disabledBadges.includes(badge.id)) values[`badge.${badge.id}`] = "on";
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
    disabledBadges: badgeDefinitions.filter((badge) => values[`badge.${badge.id}`] !== "on").map((badge) => badge.id),
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

/** "rules.reaction_received.points" -> "reaction_received.points"; "antiGaming.pairDailyLimit" -> "pairDailyLimit". */
function formField(path: string) {
  if (path.startsWith("rules.")) return path.slice("rules.".length);
  if (path.startsWith("antiGaming.")) return path.slice("antiGaming.".length);
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
