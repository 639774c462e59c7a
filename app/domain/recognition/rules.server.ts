import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, forbidden } from "../errors";
import { can } from "../policy.server";
import { checkRuleSet, ruleSetSchema, type RuleSet, type RuleVersion } from "./rules";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Rule sets parsed before, by their stored JSON text. The rows are read on every batch (a handful,
 * so an edit is seen by the next batch), but checking and parsing them, and building the badge
 * and level definitions the evaluator keys on the parsed object, happens once per distinct text.
 */
const parsedRuleSets = new Map<string, RuleSet>();
const PARSED_RULE_SETS_KEPT = 64;

function parseRuleSet(text: string): RuleSet {
  let rules = parsedRuleSets.get(text);
  if (!rules) {
    rules = ruleSetSchema.parse(JSON.parse(text));
    if (parsedRuleSets.size >= PARSED_RULE_SETS_KEPT) parsedRuleSets.clear();
    parsedRuleSets.set(text, rules);
  }
  return rules;
}

/** Every version, oldest first. */
export async function loadRuleVersions(db: Db): Promise<RuleVersion[]> {
  const rows = await db
    .selectFrom("recognition_rule_versions")
    .select(["version", "effective_at", sql<string>`rules::text`.as("rules_text")])
    .orderBy("effective_at")
    .orderBy("version")
    .execute();
  return rows.map((row) => ({ version: row.version, effectiveAt: row.effective_at, rules: parseRuleSet(row.rules_text) }));
}

export async function currentRules(db: Db, now = new Date()): Promise<RuleVersion> {
  const versions = await loadRuleVersions(db);
  return versions.filter((v) => v.effectiveAt.getTime() <= now.getTime()).at(-1) ?? versions[0]!;
}

/**
 * Publishes a new rule version, in force from `at` (now) on; earlier events keep the rules they
 * were evaluated with. Bad values are refused with a message at the field that is wrong.
 */
export async function publishRules(
  db: Kysely<DB>,
  actor: SessionUser,
  input: { rules: unknown; note?: string },
  at: Date = new Date(),
): Promise<RuleVersion> {
  if (!can(actor, "recognition.manageRules")) throw forbidden("Only administrators can change point rules.");
  const checked = checkRuleSet(input.rules);
  if (!checked.ok) {
    const [first] = checked.problems;
    throw new DomainError(first!.message, 400, first!.field);
  }
  return db.transaction().execute(async (trx) => {
    // One publisher at a time, so versions and their times only ever go forward.
    await sql`lock table recognition_rule_versions in share row exclusive mode`.execute(trx);
    const latest = await trx
      .selectFrom("recognition_rule_versions")
      .select(["version", "effective_at"])
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    const effectiveAt = new Date(Math.max(at.getTime(), latest.effective_at.getTime()));
    const version = latest.version + 1;
    await trx
      .insertInto("recognition_rule_versions")
      .values({ version, effective_at: effectiveAt, rules: JSON.stringify(checked.rules), created_by: actor.id, note: input.note ?? "" })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "recognition.rules_published",
      targetType: "recognition_rules",
      targetId: String(version),
      reason: input.note ?? null,
      after: checked.rules,
    });
    return { version, effectiveAt, rules: checked.rules satisfies RuleSet };
  });
}
