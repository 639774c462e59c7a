import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  /** The category concerned, when the target lives in one (council content is shown to fewer people). */
  categoryId?: number | null;
}

/** Written in the same transaction as the action it describes; rows are never updated. */
export async function recordAudit(trx: Transaction<DB> | Kysely<DB>, entry: AuditEntry) {
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      category_id: entry.categoryId ?? null,
    })
    .execute();
}
