import { parse } from "csv-parse/sync";
import type { PartnerTier } from "../../../db/schema";
import { monthsOf, parsePeriod, type ProgramPeriod } from "./periods";

/**
 * The program-performance file, checked row by row without the database: a pure function of
 * the text and the organizations it may name, so the page, the CLI and the tests agree.
 */
export const CSV_COLUMNS = ["organization", "period", "revenue", "registered_deals", "won_deals", "certifications", "tier"] as const;
const TIERS: readonly PartnerTier[] = ["registered", "silver", "gold", "platinum"];
const MAX_REVENUE = 1e13;
const MAX_COUNT = 10_000_000;

export interface ProgramRow {
  line: number;
  organizationId: number;
  organization: string;
  period: ProgramPeriod;
  revenue: string;
  registeredDeals: number;
  wonDeals: number;
  certifications: number;
  tier: PartnerTier;
}

export interface RowError {
  line: number;
  reason: string;
}

export interface ParsedFile {
  rows: ProgramRow[];
  errors: RowError[];
  /** Data lines read (good and bad). */
  total: number;
}

/** How the file may name an organization: its slug or its exact name (case-insensitive). */
export type OrganizationLookup = (nameOrSlug: string) => { id: number; name: string } | undefined;

const MONEY = /^\d+(\.\d{1,2})?$/;
const COUNT = /^\d+$/;

export function parseProgramCsv(text: string, lookup: OrganizationLookup): ParsedFile {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: headerColumns, info: true, skip_empty_lines: true, relax_column_count: true, trim: true, bom: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], errors: [{ line, reason: `The file is not valid CSV: ${(error as Error).message}` }], total: 0 };
  }
  const rows: ProgramRow[] = [];
  const errors: RowError[] = [];
  // organization id + month -> the line that already covers it, for duplicate and overlap checks.
  const covered = new Map<string, { line: number; label: string }>();
  for (const { record, info } of records) {
    const line = info.lines;
    const reasons: string[] = [];
    const orgText = record.organization ?? "";
    const organization = orgText ? lookup(orgText) : undefined;
    if (!orgText) reasons.push("organization is missing");
    else if (!organization) reasons.push(`unknown organization "${orgText}"`);
    const period = parsePeriod(record.period ?? "");
    if (!period) reasons.push(`bad period "${record.period ?? ""}" (use 2026-10 for a month or 2026-Q4 for a quarter)`);
    const revenue = (record.revenue ?? "").replace(/^\$/, "");
    if (!MONEY.test(revenue) || Number(revenue) > MAX_REVENUE) reasons.push(`bad number for revenue "${record.revenue ?? ""}" (digits and a decimal point, e.g. 12500.50)`);
    const counts = {} as Record<"registered_deals" | "won_deals" | "certifications", number>;
    for (const column of ["registered_deals", "won_deals", "certifications"] as const) {
      const value = record[column] ?? "";
      if (!COUNT.test(value) || Number(value) > MAX_COUNT) reasons.push(`bad number for ${column} "${value}" (a whole number, 0 or more)`);
      counts[column] = Number(value);
    }
    if (reasons.length === 0 && counts.won_deals > counts.registered_deals) reasons.push("won_deals is larger than registered_deals");
    const tier = (record.tier ?? "").toLowerCase() as PartnerTier;
    if (!TIERS.includes(tier)) reasons.push(`bad tier "${record.tier ?? ""}" (one of ${TIERS.join(", ")})`);
    if (organization && period) {
      for (const month of monthsOf(period)) {
        const earlier = covered.get(`${organization.id}:${month}`);
        if (earlier) {
          reasons.push(
            earlier.label === period.label
              ? `duplicate period ${period.label} for ${organization.name} (also on line ${earlier.line})`
              : `period ${period.label} overlaps ${earlier.label} for ${organization.name} on line ${earlier.line}`,
          );
          break;
        }
      }
    }
    if (reasons.length > 0 || !organization || !period) {
      errors.push({ line, reason: reasons.join("; ") });
      continue;
    }
    for (const month of monthsOf(period)) covered.set(`${organization.id}:${month}`, { line, label: period.label });
    rows.push({
      line,
      organizationId: organization.id,
      organization: organization.name,
      period,
      revenue,
      registeredDeals: counts.registered_deals,
      wonDeals: counts.won_deals,
      certifications: counts.certifications,
      tier,
    });
  }
  return { rows, errors, total: records.length };
}

/** Header names are matched loosely ("Won deals", "won-deals"); every column must be there. */
function headerColumns(header: string[]): string[] {
  const names = header.map((name) => name.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  const missing = CSV_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw Object.assign(new Error(`the header lacks ${missing.join(", ")} (expected: ${CSV_COLUMNS.join(",")})`), { lines: 1 });
  }
  return names;
}
