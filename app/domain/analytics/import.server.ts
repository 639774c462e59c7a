import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { authorize } from "../policy.server";
import { applyQueuedChanges, lockRefresh } from "./aggregates.server";
import { parseProgramCsv, type ProgramRow, type RowError } from "./csv-rows";
import { monthsOf, periodLabel } from "./periods";
import { sqlDay } from "./sql-day.server";

export interface ImportOptions {
  fileName: string;
  text: string;
  /** Import the rows that passed and skip the rest; by default one bad row stops everything. */
  cleanRowsOnly?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export type ImportResult =
  | { ok: false; errors: RowError[]; total: number; cleanRows: number }
  | { ok: true; importId: number; imported: number; skipped: RowError[]; periods: string[] };

const BATCH = 1000;

/**
 * Imports program performance. Every period present in the imported rows is replaced as a whole
 * (rows of that period not in the file are removed), so importing the same file twice, or a
 * corrected file for a period, leaves exactly the file's figures: the import is idempotent.
 */
export async function importProgramPerformance(db: Kysely<DB>, actor: SessionUser | null, options: ImportOptions): Promise<ImportResult> {
  // The CLI runs as the operator (no session); the page passes the signed-in admin.
  if (actor) authorize(actor, "analytics.import", undefined);
  const parsed = await validateProgramCsv(db, options.text);
  if (parsed.rows.length === 0 || (parsed.errors.length > 0 && !options.cleanRowsOnly)) {
    const errors = parsed.errors.length > 0 ? parsed.errors : [{ line: 1, reason: "The file has no data rows." }];
    return { ok: false, errors, total: parsed.total, cleanRows: parsed.rows.length };
  }
  const periods = [...new Map(parsed.rows.map((row) => [`${row.period.kind}:${row.period.start}`, row.period])).values()];
  const total = parsed.rows.length;
  options.onProgress?.(0, total);
  const importId = await db.transaction().execute(async (trx) => {
    await lockRefresh(trx);
    const created = await trx
      .insertInto("program_imports")
      .values({
        file_name: options.fileName,
        actor_id: actor?.id ?? null,
        rows_imported: total,
        rows_skipped: parsed.errors.length,
        periods: periods.map((p) => p.label),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const period of periods) {
      await trx.deleteFrom("program_performance").where("period_kind", "=", period.kind).where("period_start", "=", sqlDay(period.start)).execute();
    }
    for (let i = 0; i < total; i += BATCH) {
      const batch = parsed.rows.slice(i, i + BATCH);
      await trx.insertInto("program_performance").values(batch.map((row) => toRow(row, created.id))).execute();
      options.onProgress?.(Math.min(i + BATCH, total), total);
    }
    await recordAudit(trx, {
      actorId: actor?.id ?? null,
      action: "analytics.import",
      targetType: "program_import",
      targetId: String(created.id),
      after: { file: options.fileName, rows: total, skipped: parsed.errors.length, periods: periods.map((p) => p.label) },
    });
    // The dashboard's pre-aggregated tables show the new figures as soon as they commit.
    await applyQueuedChanges(trx);
    return created.id;
  });
  return { ok: true, importId, imported: total, skipped: parsed.errors, periods: periods.map((p) => p.label) };
}

/** Parses the file against the organizations and the periods already stored. */
export async function validateProgramCsv(db: Kysely<DB>, text: string) {
  const organizations = await db.selectFrom("organizations").select(["id", "slug", "name"]).execute();
  const byKey = new Map<string, { id: number; name: string }>();
  for (const org of organizations) {
    byKey.set(org.slug.toLowerCase(), org);
    byKey.set(org.name.toLowerCase(), org);
  }
  const parsed = parseProgramCsv(text, (key) => byKey.get(key.trim().toLowerCase()));
  const clashes = await storedOverlaps(db, parsed.rows);
  return {
    ...parsed,
    rows: parsed.rows.filter((row) => !clashes.has(row.line)),
    errors: [...parsed.errors, ...[...clashes].map(([line, reason]) => ({ line, reason }))].sort((a, b) => a.line - b.line),
  };
}

/**
 * A month row and a stored quarter (or the reverse) for the same organization would count the
 * same months twice. Stored periods that this file replaces do not clash.
 */
async function storedOverlaps(db: Kysely<DB>, rows: ProgramRow[]): Promise<Map<number, string>> {
  const clashes = new Map<number, string>();
  if (rows.length === 0) return clashes;
  const replaced = new Set(rows.map((row) => `${row.period.kind}:${row.period.start}`));
    const starts = rows.flatMap((row) => monthsOf(row.period));
    const min = starts.reduce((a, b) => (a < b ? a : b));
    const max = starts.reduce((a, b) => (a > b ? a : b));
    const stored = await db
      .selectFrom("program_performance")
      .select(["organization_id", "period_kind", "period_start"])
      .where("organization_id", "in", [...new Set(rows.map((row) => row.organizationId))])
      // A quarter starting up to two months before the first month still covers it.
      .where("period_start", ">=", sqlDay(shiftBack(min)))
      .where("period_start", "<=", sqlDay(max))
      .execute();
    const months = new Map<string, string>();
    for (const row of stored) {
      const start = row.period_start.toISOString().slice(0, 10);
      if (replaced.has(`${row.period_kind}:${start}`)) continue;
      for (const month of monthsOf({ kind: row.period_kind, start })) months.set(`${row.organization_id}:${month}`, periodLabel(row.period_kind, start));
    }
    for (const row of rows) {
      for (const month of monthsOf(row.period)) {
        const label = months.get(`${row.organizationId}:${month}`);
        if (label && label !== row.period.label) {
          clashes.set(row.line, `period ${row.period.label} overlaps the stored ${label} for ${row.organization} (re-import ${label} or use the same kind of period)`);
          break;
        }
      }
    }
  return clashes;
}

function shiftBack(month: string) {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 3, 1)).toISOString().slice(0, 10);
}

function toRow(row: ProgramRow, importId: number) {
  return {
    organization_id: row.organizationId,
    period_kind: row.period.kind,
    period_start: row.period.start,
    revenue: row.revenue,
    registered_deals: row.registeredDeals,
    won_deals: row.wonDeals,
    certifications: row.certifications,
    tier: row.tier,
    import_id: importId,
  };
}
