import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import type { SessionUser } from "../app/domain/accounts/auth.server";
import type { DashboardFilter } from "../app/domain/analytics/filters";
import { ecosystemPage } from "../app/domain/analytics/dashboard.server";

/** The bench's "today": its data runs from 2024-12 to 2026-11. */
export const NOW = new Date(Date.UTC(2026, 10, 15));

const admin: SessionUser = {
  id: "bench-admin",
  email: "bench-admin@example.com",
  handle: "bench-admin",
  displayName: "Bench admin",
  role: "admin",
  organizationId: null,
  isVendorStaff: true,
  suspendedUntil: null,
  createdAt: NOW,
};

/**
 * What the dashboard loader does for one request (analytics._index.tsx): the policy check, the
 * refresh of recent months when the ledger changed, every table, the scatter and the filter
 * form; JSON encoding stands in for Remix writing the response. Returns the organizations shown.
 */
export async function dashboardLoad(db: Kysely<DB>, filter: DashboardFilter) {
  const page = await ecosystemPage(db, admin, filter, NOW);
  JSON.stringify(page);
  return page.organizationCount;
}
