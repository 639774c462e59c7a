import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError } from "../errors";
import { authorize } from "../policy.server";
import { DEFAULT_WEIGHTS, SCORE_PARTS, validateWeights, type ScoringWeights } from "./scoring";

type Db = Kysely<DB> | Transaction<DB>;

/** The admins' weights, or the defaults until an admin saves some. */
export async function scoringWeights(db: Db): Promise<ScoringWeights> {
  const row = await db.selectFrom("mentoring_settings").select("weights").where("id", "=", 1).executeTakeFirst();
  const weights = { ...DEFAULT_WEIGHTS };
  // A part added after the row was saved keeps its default until an admin changes it.
  for (const part of SCORE_PARTS) {
    const value = row?.weights[part];
    if (typeof value === "number") weights[part] = value;
  }
  return weights;
}

export async function saveScoringWeights(db: Kysely<DB>, actor: SessionUser, input: Record<string, unknown>) {
  authorize(actor, "mentoring.administer", undefined);
  const result = validateWeights(input);
  if (!result.ok) throw new DomainError(result.message, 400, result.field);
  return db.transaction().execute(async (trx) => {
    const before = await scoringWeights(trx);
    const weights = JSON.stringify(result.weights);
    await trx
      .insertInto("mentoring_settings")
      .values({ id: 1, weights, updated_by: actor.id, updated_at: new Date() })
      .onConflict((oc) => oc.column("id").doUpdateSet({ weights, updated_by: actor.id, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, { actorId: actor.id, action: "mentoring.weights_changed", targetType: "mentoring_settings", targetId: "1", before, after: result.weights });
    return result.weights;
  });
}
