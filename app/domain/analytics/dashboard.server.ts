import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { notFound } from "../errors";
import { authorize } from "../policy.server";
import { refreshIfChanged } from "./engagement.server";
import { periodRange, type DashboardFilter } from "./filters";
import { mentorImpact } from "./mentor-impact.server";
import { addMonths, monthStart } from "./periods";
import { monthlyTrend, organizationFigures, segmentSummaries, topContributors, type OrganizationFigures } from "./queries.server";

/** Trend lines show at least a year, ending with the chosen period. */
function trendRange(range: { from: string; to: string }) {
  const yearBefore = addMonths(range.to, -12);
  return { from: range.from < yearBefore ? range.from : yearBefore, to: range.to };
}

/**
 * Brings the current and previous month up to date when the ledger changed since the last
 * refresh, and folds queued changes into the pre-aggregated tables: older months change only
 * through a full refresh (import, `npm run analytics:refresh`), which keeps a visit cheap.
 */
export async function refreshRecent(db: Kysely<DB>, now = new Date()) {
  await refreshIfChanged(db, addMonths(monthStart(now), -1));
}

export async function ecosystemDashboard(db: Kysely<DB>, actor: SessionUser, filter: DashboardFilter, now = new Date()) {
  authorize(actor, "analytics.viewEcosystem", undefined);
  await refreshRecent(db, now);
  const range = periodRange(filter.period, now);
  return { range, ...(await ecosystemQueries(db, filter, range)) };
}

/** The page shows this many organizations; the CSV has all of them. */
const TABLE_LIMIT = 200;

/** What the dashboard page needs for one request: the figures, the scatter and the filter form. */
export async function ecosystemPage(db: Kysely<DB>, actor: SessionUser, filter: DashboardFilter, now = new Date()) {
  const [data, options] = await Promise.all([ecosystemDashboard(db, actor, filter, now), filterOptions(db, now)]);
  const measure = (o: OrganizationFigures) => (filter.measure === "revenue" ? o.revenue : filter.measure === "won_deals" ? o.wonDeals : o.registeredDeals);
  return {
    ...data,
    organizations: data.organizations.slice(0, TABLE_LIMIT),
    organizationCount: data.organizations.length,
    scatter: data.organizations
      .filter((o) => measure(o) !== null)
      .map((o) => ({ name: o.name, engagement: o.points, communitySector: o.communitySector, measure: measure(o) ?? 0 })),
    filter,
    options,
  };
}

/**
 * The dashboard's reads, side by side on the pool (each alone, with PostgreSQL's JIT off:
 * compiling aggregate plans took seconds under load and saved less). PGlite runs them in turn.
 */
export async function ecosystemQueries(db: Kysely<DB>, filter: DashboardFilter, range: { from: string; to: string }) {
  const [organizations, contributors, trend, mentors] = await Promise.all([
    withoutJit(db, (trx) => organizationFigures(trx, filter, range)),
    withoutJit(db, (trx) => topContributors(trx, filter, range)),
    withoutJit(db, (trx) => monthlyTrend(trx, filter, trendRange(range))),
    withoutJit(db, (trx) => mentorImpact(trx, filter, range)),
  ]);
  return { organizations, contributors, trend, mentors, segments: segmentSummaries(organizations) };
}

function withoutJit<T>(db: Kysely<DB>, read: (trx: Kysely<DB>) => Promise<T>) {
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return read(trx);
  });
}

/** One organization over the last two years: its engagement, figures, people and mentoring. */
export async function organizationDashboard(db: Kysely<DB>, actor: SessionUser, slug: string, now = new Date()) {
  const organization = await db.selectFrom("organizations").select(["id", "slug", "name", "tier", "regions", "community_sector"]).where("slug", "=", slug).executeTakeFirst();
  if (!organization) throw notFound("That organization");
  authorize(actor, "analytics.viewOrganization", { id: organization.id }, { hide: true });
  await refreshRecent(db, now);
  const to = addMonths(monthStart(now), 1);
  const range = { from: addMonths(to, -24), to };
  const noFilter = { region: "", tier: "", sector: "" } as const;
  const [trend, members, mentors] = await Promise.all([
    monthlyTrend(db, noFilter, range, organization.id),
    db
      .selectFrom("recognition_profiles")
      .innerJoin("users", "users.id", "recognition_profiles.user_id")
      .select(["users.display_name", "users.handle", "recognition_profiles.points", "recognition_profiles.level"])
      .where("users.organization_id", "=", organization.id)
      .orderBy("recognition_profiles.points", "desc")
      .orderBy("users.display_name")
      .limit(50)
      .execute(),
    mentorships(db, organization.id),
  ]);
  const impact = await mentorImpact(db, noFilter, range, { organizationId: organization.id });
  return { organization, range, trend, members, mentors, impact };
}

async function mentorships(db: Kysely<DB>, organizationId: number) {
  return db
    .selectFrom("mentorships")
    .innerJoin("users as mentor", "mentor.id", "mentorships.mentor_id")
    .innerJoin("users as mentee", "mentee.id", "mentorships.mentee_id")
    .select([
      "mentor.display_name as mentor",
      "mentor.handle as mentorHandle",
      "mentee.display_name as mentee",
      "mentee.handle as menteeHandle",
      "mentorships.status",
      "mentorships.started_at as startedAt",
    ])
    .where((eb) => eb.or([eb("mentor.organization_id", "=", organizationId), eb("mentee.organization_id", "=", organizationId)]))
    .where("mentorships.started_at", "is not", null)
    .orderBy("mentorships.started_at", "desc")
    .limit(50)
    .execute();
}

/** Choices for the filter form: recent years, quarters and months, and the regions in use. */
export async function filterOptions(db: Kysely<DB>, now = new Date()) {
  const regions = await db
    .selectFrom("organizations")
    .select(sql<string>`unnest(regions)`.as("region"))
    .distinct()
    .orderBy("region")
    .execute();
  const year = now.getUTCFullYear();
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const periods: { value: string; label: string }[] = [{ value: "last12", label: "Last 12 months" }];
  for (let y = year; y > year - 3; y--) periods.push({ value: String(y), label: String(y) });
  for (let i = 0, y = year, q = quarter; i < 8; i++) {
    periods.push({ value: `${y}-Q${q}`, label: `${y} Q${q}` });
    if (--q === 0) [q, y] = [4, y - 1];
  }
  for (let i = 0, m = monthStart(now); i < 12; i++, m = addMonths(m, -1)) periods.push({ value: m.slice(0, 7), label: m.slice(0, 7) });
  return { regions: regions.map((r) => r.region), periods };
}
