import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { notFound } from "../errors";
import { authorize } from "../policy.server";
import { refreshEngagement } from "./engagement.server";
import { periodRange, type DashboardFilter } from "./filters";
import { mentorImpact } from "./mentor-impact.server";
import { addMonths, monthStart } from "./periods";
import { monthlyTrend, organizationFigures, segmentSummaries, topContributors } from "./queries.server";

/** Trend lines show at least a year, ending with the chosen period. */
function trendRange(range: { from: string; to: string }) {
  const yearBefore = addMonths(range.to, -12);
  return { from: range.from < yearBefore ? range.from : yearBefore, to: range.to };
}

/**
 * Brings the current and previous month up to date: older months change only through a full
 * refresh (import, `npm run analytics:refresh`), which keeps a visit cheap.
 */
export async function refreshRecent(db: Kysely<DB>, now = new Date()) {
  await refreshEngagement(db, { from: addMonths(monthStart(now), -1) });
}

export async function ecosystemDashboard(db: Kysely<DB>, actor: SessionUser, filter: DashboardFilter, now = new Date()) {
  authorize(actor, "analytics.viewEcosystem", undefined);
  await refreshRecent(db, now);
  const range = periodRange(filter.period, now);
  return { range, ...(await ecosystemQueries(db, filter, range)) };
}

/**
 * The dashboard's reads in one transaction with PostgreSQL's JIT off: compiling these
 * aggregate plans took seconds (5.6 s for the trend on a loaded machine) and saved less.
 */
export async function ecosystemQueries(db: Kysely<DB>, filter: DashboardFilter, range: { from: string; to: string }) {
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    const organizations = await organizationFigures(trx, filter, range);
    const contributors = await topContributors(trx, filter, range);
    const trend = await monthlyTrend(trx, filter, trendRange(range));
    const mentors = await mentorImpact(trx, filter, range);
    return { organizations, contributors, trend, mentors, segments: segmentSummaries(organizations) };
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
