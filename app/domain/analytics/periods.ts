import type { PeriodKind } from "../../../db/schema-parts/analytics";

export type { PeriodKind };

/** A program period: a calendar month ("2026-10") or quarter ("2026-Q4"), UTC. */
export interface ProgramPeriod {
  kind: PeriodKind;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** As written in files and URLs: "2026-10" or "2026-Q4". */
  label: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-?Q([1-4])$/i;

const pad = (n: number) => String(n).padStart(2, "0");

/** Parses "2026-10" or "2026-Q4" (also "2026Q4"); null when it is neither. */
export function parsePeriod(text: string): ProgramPeriod | null {
  const value = text.trim();
  const month = MONTH.exec(value);
  if (month) return { kind: "month", start: `${month[1]}-${month[2]}-01`, label: `${month[1]}-${month[2]}` };
  const quarter = QUARTER.exec(value);
  if (quarter) {
    const q = Number(quarter[2]);
    return { kind: "quarter", start: `${quarter[1]}-${pad((q - 1) * 3 + 1)}-01`, label: `${quarter[1]}-Q${q}` };
  }
  return null;
}

/** The label of a stored period (kind + first day). */
export function periodLabel(kind: PeriodKind, start: string): string {
  const [year, month] = start.split("-").map(Number) as [number, number];
  return kind === "month" ? `${year}-${pad(month)}` : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The months (first days) a period covers. */
export function monthsOf(period: Pick<ProgramPeriod, "kind" | "start">): string[] {
  if (period.kind === "month") return [period.start];
  const [year, month] = period.start.split("-").map(Number) as [number, number];
  return [0, 1, 2].map((i) => `${year}-${pad(month + i)}-01`);
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function monthStart(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-01`;
}

/** The first day of the month `n` months after `start` (negative goes back). */
export function addMonths(start: string, n: number): string {
  const [year, month] = start.split("-").map(Number) as [number, number];
  return monthStart(new Date(Date.UTC(year, month - 1 + n, 1)));
}

/** Every month start from `from` up to but excluding `to`. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m < to; m = addMonths(m, 1)) months.push(m);
  return months;
}
