import { z } from "zod";
import { addMonths, monthStart, parsePeriod } from "./periods";

/**
 * What the dashboard shows: a period ("last12" months, a year "2026", a quarter "2026-Q3" or a
 * month "2026-10") and the organization filters. Parsed from the URL so views can be shared
 * and exports match the page.
 */
export const filterSchema = z.object({
  period: z
    .string()
    .trim()
    .regex(/^(last12|\d{4}|\d{4}-Q[1-4]|\d{4}-(0[1-9]|1[0-2]))$/, "Choose a period such as 2026, 2026-Q3 or 2026-10.")
    .catch("last12"),
  region: z.string().trim().max(80).catch(""),
  tier: z.enum(["", "registered", "silver", "gold", "platinum"]).catch(""),
  sector: z.enum(["", "yes", "no"]).catch(""),
  measure: z.enum(["revenue", "won_deals", "registered_deals"]).catch("revenue"),
});
export type DashboardFilter = z.infer<typeof filterSchema>;

export function parseFilter(params: URLSearchParams): DashboardFilter {
  return filterSchema.parse({
    period: params.get("period") ?? undefined,
    region: params.get("region") ?? undefined,
    tier: params.get("tier") ?? undefined,
    sector: params.get("sector") ?? undefined,
    measure: params.get("measure") ?? undefined,
  });
}

/** The months [from, to) a period covers; "last12" ends with the current month. */
export function periodRange(period: string, now = new Date()): { from: string; to: string } {
  if (period === "last12") {
    const to = addMonths(monthStart(now), 1);
    return { from: addMonths(to, -12), to };
  }
  if (/^\d{4}$/.test(period)) return { from: `${period}-01-01`, to: `${Number(period) + 1}-01-01` };
  const parsed = parsePeriod(period);
  if (!parsed) throw new Error(`not a period: ${period}`);
  return { from: parsed.start, to: addMonths(parsed.start, parsed.kind === "quarter" ? 3 : 1) };
}

export const measureLabels: Record<DashboardFilter["measure"], string> = {
  revenue: "Revenue",
  won_deals: "Won deals",
  registered_deals: "Registered deals",
};
