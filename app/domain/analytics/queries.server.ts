import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { sqlDay } from "./sql-day.server";
import type { DashboardFilter } from "./filters";

/** The SQL behind the dashboard; every query takes the organization filters and a month range. */
export interface Range {
  from: string;
  to: string;
}

export interface OrganizationFigures {
  id: number;
  slug: string;
  name: string;
  tier: string;
  communitySector: boolean;
  points: number;
  /** Average per month over the range: distinct people do not add up across months. */
  activeMembers: number;
  acceptedAnswers: number;
  mentoringSessions: number;
  councilContributions: number;
  revenue: number | null;
  registeredDeals: number | null;
  wonDeals: number | null;
  certifications: number | null;
}

type OrgFilter = Pick<DashboardFilter, "region" | "tier" | "sector">;

export function organizationMatches(filter: OrgFilter) {
  return (eb: ExpressionBuilder<DB, "organizations">) => {
    const conditions = [];
    if (filter.region) conditions.push(sql<boolean>`${filter.region} = any(organizations.regions)`);
    if (filter.tier) conditions.push(eb("organizations.tier", "=", filter.tier));
    if (filter.sector) conditions.push(eb("organizations.community_sector", "=", filter.sector === "yes"));
    return eb.and(conditions);
  };
}

const monthCount = (range: Range) => {
  const [fy, fm] = range.from.split("-").map(Number) as [number, number];
  const [ty, tm] = range.to.split("-").map(Number) as [number, number];
  return Math.max(1, (ty - fy) * 12 + (tm - fm));
};

/**
 * Engagement beside program figures per organization. A quarter counts in a range when it
 * starts inside it. Organizations with neither engagement nor figures in the range are left out.
 */
export async function organizationFigures(db: Kysely<DB>, filter: OrgFilter, range: Range, organizationId?: number): Promise<OrganizationFigures[]> {
  const engagement = db
    .selectFrom("analytics_engagement_monthly")
    .select((eb) => [
      "organization_id",
      eb.fn.sum<string>("points").as("points"),
      eb.fn.sum<string>("active_members").as("active_members"),
      eb.fn.sum<string>("accepted_answers").as("accepted_answers"),
      eb.fn.sum<string>("mentoring_sessions").as("mentoring_sessions"),
      eb.fn.sum<string>("council_contributions").as("council_contributions"),
    ])
    .where("month", ">=", sqlDay(range.from))
    .where("month", "<", sqlDay(range.to))
    .groupBy("organization_id");
  const program = db
    .selectFrom("program_performance")
    .select((eb) => [
      "organization_id",
      eb.fn.sum<string>("revenue").as("revenue"),
      eb.fn.sum<string>("registered_deals").as("registered_deals"),
      eb.fn.sum<string>("won_deals").as("won_deals"),
      eb.fn.sum<string>("certifications").as("certifications"),
    ])
    .where("period_start", ">=", sqlDay(range.from))
    .where("period_start", "<", sqlDay(range.to))
    .groupBy("organization_id");
  let query = db
    .with("e", () => engagement)
    .with("p", () => program)
    .selectFrom("organizations")
    .leftJoin("e", "e.organization_id", "organizations.id")
    .leftJoin("p", "p.organization_id", "organizations.id")
    .select([
      "organizations.id",
      "organizations.slug",
      "organizations.name",
      "organizations.tier",
      "organizations.community_sector",
      "e.points",
      "e.active_members",
      "e.accepted_answers",
      "e.mentoring_sessions",
      "e.council_contributions",
      "p.revenue",
      "p.registered_deals",
      "p.won_deals",
      "p.certifications",
    ])
    .where(organizationMatches(filter))
    .where((eb) => eb.or([eb("e.organization_id", "is not", null), eb("p.organization_id", "is not", null)]))
    .orderBy(sql`coalesce(e.points, 0)`, "desc")
    .orderBy("organizations.name");
  if (organizationId !== undefined) query = query.where("organizations.id", "=", organizationId);
  const rows = await query.execute();
  const months = monthCount(range);
  const num = (value: string | number | null) => Number(value ?? 0);
  const opt = (value: string | number | null) => (value === null ? null : Number(value));
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    tier: row.tier,
    communitySector: row.community_sector,
    points: num(row.points),
    activeMembers: Math.round((num(row.active_members) / months) * 10) / 10,
    acceptedAnswers: num(row.accepted_answers),
    mentoringSessions: num(row.mentoring_sessions),
    councilContributions: num(row.council_contributions),
    revenue: opt(row.revenue),
    registeredDeals: opt(row.registered_deals),
    wonDeals: opt(row.won_deals),
    certifications: opt(row.certifications),
  }));
}

export interface Contributor {
  id: number;
  slug: string;
  name: string;
  helpedOrganizations: number;
  answers: number;
}

/** Organizations whose members' accepted answers helped the most other organizations. */
export async function topContributors(db: Kysely<DB>, filter: OrgFilter, range: Range, limit = 10): Promise<Contributor[]> {
  const rows = await db
    .selectFrom("analytics_cross_org_answers as x")
    .innerJoin("organizations", "organizations.id", "x.helper_organization_id")
    .select((eb) => [
      "organizations.id",
      "organizations.slug",
      "organizations.name",
      sql<string>`count(distinct x.helped_organization_id)`.as("helped"),
      eb.fn.sum<string>("x.answers").as("answers"),
    ])
    .where("x.month", ">=", sqlDay(range.from))
    .where("x.month", "<", sqlDay(range.to))
    .where(organizationMatches(filter))
    .groupBy(["organizations.id", "organizations.slug", "organizations.name"])
    .orderBy("helped", "desc")
    .orderBy("answers", "desc")
    .orderBy("organizations.name")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, slug: row.slug, name: row.name, helpedOrganizations: Number(row.helped), answers: Number(row.answers) }));
}

export interface TrendPoint {
  month: string;
  points: number;
  activeMembers: number;
  acceptedAnswers: number;
  revenue: number;
  wonDeals: number;
}

/** Per month: engagement summed, program figures with a quarter spread evenly over its months. */
export async function monthlyTrend(db: Kysely<DB>, filter: OrgFilter, range: Range, organizationId?: number): Promise<TrendPoint[]> {
  const orgCondition = organizationId === undefined ? sql`true` : sql`o.id = ${organizationId}`;
  const filterSql = orgFilterSql(filter);
  const result = await sql<{ month: Date; points: string; active: string; answers: string; revenue: string; won: string }>`
    with months as (
      select generate_series(${range.from}::date, (${range.to}::date - interval '1 month'), interval '1 month')::date as month
    ),
    e as (
      select m.month, sum(m.points) as points, sum(m.active_members) as active, sum(m.accepted_answers) as answers
      from analytics_engagement_monthly m join organizations o on o.id = m.organization_id
      where m.month >= ${range.from}::date and m.month < ${range.to}::date and ${filterSql} and ${orgCondition}
      group by m.month
    ),
    p as (
      select spread.month, sum(p.revenue / spread.n) as revenue, sum(p.won_deals::numeric / spread.n) as won
      from program_performance p join organizations o on o.id = p.organization_id
      cross join lateral (
        select (p.period_start + make_interval(months => i))::date as month, case when p.period_kind = 'quarter' then 3 else 1 end as n
        from generate_series(0, case when p.period_kind = 'quarter' then 2 else 0 end) i
      ) spread
      where p.period_start > (${range.from}::date - interval '3 months') and p.period_start < ${range.to}::date
        and ${filterSql} and ${orgCondition}
      group by spread.month
    )
    select months.month, coalesce(e.points, 0) as points, coalesce(e.active, 0) as active, coalesce(e.answers, 0) as answers,
      coalesce(p.revenue, 0) as revenue, coalesce(p.won, 0) as won
    from months left join e on e.month = months.month left join p on p.month = months.month
    order by months.month`.execute(db);
  return result.rows.map((row) => ({
    month: new Date(row.month).toISOString().slice(0, 7),
    points: Number(row.points),
    activeMembers: Number(row.active),
    acceptedAnswers: Number(row.answers),
    revenue: Math.round(Number(row.revenue) * 100) / 100,
    wonDeals: Math.round(Number(row.won) * 10) / 10,
  }));
}

function orgFilterSql(filter: OrgFilter) {
  const parts = [sql`true`];
  if (filter.region) parts.push(sql`${filter.region} = any(o.regions)`);
  if (filter.tier) parts.push(sql`o.tier = ${filter.tier}`);
  if (filter.sector) parts.push(sql`o.community_sector = ${filter.sector === "yes"}`);
  return sql.join(parts, sql` and `);
}

export interface SegmentSummary {
  segment: "Community-sector focus" | "Other partners";
  organizations: number;
  pointsPerOrganization: number;
  acceptedAnswers: number;
  mentoringSessions: number;
  revenuePerOrganization: number;
  wonDealsPerOrganization: number;
}

/** The community-sector segment beside the rest, per organization so sizes compare fairly. */
export function segmentSummaries(rows: OrganizationFigures[]): SegmentSummary[] {
  return [true, false].map((sector) => {
    const group = rows.filter((row) => row.communitySector === sector);
    const n = group.length || 1;
    const sum = (pick: (row: OrganizationFigures) => number | null) => group.reduce((total, row) => total + (pick(row) ?? 0), 0);
    return {
      segment: sector ? "Community-sector focus" : "Other partners",
      organizations: group.length,
      pointsPerOrganization: Math.round(sum((r) => r.points) / n),
      acceptedAnswers: sum((r) => r.acceptedAnswers),
      mentoringSessions: sum((r) => r.mentoringSessions),
      revenuePerOrganization: Math.round(sum((r) => r.revenue) / n),
      wonDealsPerOrganization: Math.round((sum((r) => r.wonDeals) / n) * 10) / 10,
    };
  });
}
