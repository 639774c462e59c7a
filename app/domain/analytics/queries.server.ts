import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
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

const monthCount = (range: Range) => {
  const [fy, fm] = range.from.split("-").map(Number) as [number, number];
  const [ty, tm] = range.to.split("-").map(Number) as [number, number];
  return Math.max(1, (ty - fy) * 12 + (tm - fm));
};

/**
 * Engagement beside program figures per organization. A quarter counts in a range when it
 * starts inside it. Organizations with neither engagement nor figures in the range are left out.
 * Each sum is a difference of two running totals (analytics_org_cumulative, decision 026): the
 * row at the range's last month minus the row before its first, both capped at the latest month.
 */
export async function organizationFigures(db: Kysely<DB>, filter: OrgFilter, range: Range, organizationId?: number): Promise<OrganizationFigures[]> {
  const orgCondition = organizationId === undefined ? sql`true` : sql`o.id = ${organizationId}`;
  const result = await sql<{
    id: number;
    slug: string;
    name: string;
    tier: string;
    community_sector: boolean;
    engagement_months: number;
    points: string;
    active_members: string;
    accepted_answers: string;
    mentoring_sessions: string;
    council_contributions: string;
    program_periods: number;
    revenue: string;
    registered_deals: string;
    won_deals: string;
    certifications: string;
  }>`
    with latest as (select max(month) as h from analytics_org_cumulative),
    upto as (select c.* from analytics_org_cumulative c, latest where c.month = least((${range.to}::date - interval '1 month')::date, latest.h)),
    before as (select c.* from analytics_org_cumulative c, latest where c.month = least((${range.from}::date - interval '1 month')::date, latest.h)),
    diff as (
      select u.organization_id,
        u.engagement_months - coalesce(b.engagement_months, 0) as engagement_months,
        u.points - coalesce(b.points, 0) as points,
        u.active_members - coalesce(b.active_members, 0) as active_members,
        u.accepted_answers - coalesce(b.accepted_answers, 0) as accepted_answers,
        u.mentoring_sessions - coalesce(b.mentoring_sessions, 0) as mentoring_sessions,
        u.council_contributions - coalesce(b.council_contributions, 0) as council_contributions,
        u.program_periods - coalesce(b.program_periods, 0) as program_periods,
        u.revenue - coalesce(b.revenue, 0) as revenue,
        u.registered_deals - coalesce(b.registered_deals, 0) as registered_deals,
        u.won_deals - coalesce(b.won_deals, 0) as won_deals,
        u.certifications - coalesce(b.certifications, 0) as certifications
      from upto u left join before b on b.organization_id = u.organization_id
    )
    select o.id, o.slug, o.name, o.tier, o.community_sector, d.*
    from diff d join organizations o on o.id = d.organization_id
    where (d.engagement_months > 0 or d.program_periods > 0) and ${orgFilterSql(filter)} and ${orgCondition}
    order by d.points desc, o.name`.execute(db);
  const months = monthCount(range);
  const num = (value: string | number) => Number(value);
  // No program period in the range reads as "no figures", not zero.
  const opt = (value: string | number, periods: number) => (Number(periods) > 0 ? Number(value) : null);
  return result.rows.map((row) => ({
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
    revenue: opt(row.revenue, row.program_periods),
    registeredDeals: opt(row.registered_deals, row.program_periods),
    wonDeals: opt(row.won_deals, row.program_periods),
    certifications: opt(row.certifications, row.program_periods),
  }));
}

export interface Contributor {
  id: number;
  slug: string;
  name: string;
  helpedOrganizations: number;
  answers: number;
}

/**
 * Organizations whose members' accepted answers helped the most other organizations. The
 * (helper, helped) pairs are summed first, so the ranking counts pairs instead of sorting every
 * row for a distinct count (which spilled to disk with 10,000 organizations).
 */
export async function topContributors(db: Kysely<DB>, filter: OrgFilter, range: Range, limit = 10): Promise<Contributor[]> {
  const result = await sql<{ id: number; slug: string; name: string; helped: string; answers: string }>`
    with pairs as (
      select x.helper_organization_id, sum(x.answers) as answers
      from analytics_cross_org_answers x
      where x.month >= ${range.from}::date and x.month < ${range.to}::date
      group by x.helper_organization_id, x.helped_organization_id
    ),
    helpers as (select helper_organization_id, count(*) as helped, sum(answers) as answers from pairs group by 1)
    select o.id, o.slug, o.name, h.helped, h.answers
    from helpers h join organizations o on o.id = h.helper_organization_id
    where ${orgFilterSql(filter)}
    order by h.helped desc, h.answers desc, o.name
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({ id: row.id, slug: row.slug, name: row.name, helpedOrganizations: Number(row.helped), answers: Number(row.answers) }));
}

export interface TrendPoint {
  month: string;
  points: number;
  activeMembers: number;
  acceptedAnswers: number;
  revenue: number;
  wonDeals: number;
}

/**
 * Per month: engagement summed, program figures with a quarter spread evenly over its months.
 * The ecosystem's trend reads the monthly group totals (analytics_segment_monthly, decision 026);
 * one organization's trend reads its own rows.
 */
export async function monthlyTrend(db: Kysely<DB>, filter: OrgFilter, range: Range, organizationId?: number): Promise<TrendPoint[]> {
  if (organizationId !== undefined) return organizationTrend(db, range, organizationId);
  const result = await sql<{ month: Date; points: string; active: string; answers: string; revenue: string; won: string }>`
    with months as (
      select generate_series(${range.from}::date, (${range.to}::date - interval '1 month'), interval '1 month')::date as month
    ),
    s as (
      select o.month, sum(o.points) as points, sum(o.active_members) as active, sum(o.accepted_answers) as answers,
        sum(o.revenue) as revenue, sum(o.won_deals) as won
      -- Aliased o: the organization filter reads o.tier, o.regions and o.community_sector.
      from analytics_segment_monthly o
      where o.month >= ${range.from}::date and o.month < ${range.to}::date and ${orgFilterSql(filter)}
      group by o.month
    )
    select months.month, coalesce(s.points, 0) as points, coalesce(s.active, 0) as active, coalesce(s.answers, 0) as answers,
      coalesce(s.revenue, 0) as revenue, coalesce(s.won, 0) as won
    from months left join s on s.month = months.month
    order by months.month`.execute(db);
  return result.rows.map(toTrendPoint);
}

const toTrendPoint = (row: { month: Date; points: string; active: string; answers: string; revenue: string; won: string }): TrendPoint => ({
  month: new Date(row.month).toISOString().slice(0, 7),
  points: Number(row.points),
  activeMembers: Number(row.active),
  acceptedAnswers: Number(row.answers),
  revenue: Math.round(Number(row.revenue) * 100) / 100,
  wonDeals: Math.round(Number(row.won) * 10) / 10,
});

async function organizationTrend(db: Kysely<DB>, range: Range, organizationId: number): Promise<TrendPoint[]> {
  const result = await sql<{ month: Date; points: string; active: string; answers: string; revenue: string; won: string }>`
    with months as (
      select generate_series(${range.from}::date, (${range.to}::date - interval '1 month'), interval '1 month')::date as month
    ),
    e as (
      select m.month, sum(m.points) as points, sum(m.active_members) as active, sum(m.accepted_answers) as answers
      from analytics_engagement_monthly m join organizations o on o.id = m.organization_id
      where m.month >= ${range.from}::date and m.month < ${range.to}::date and o.id = ${organizationId}
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
        and o.id = ${organizationId}
      group by spread.month
    )
    select months.month, coalesce(e.points, 0) as points, coalesce(e.active, 0) as active, coalesce(e.answers, 0) as answers,
      coalesce(p.revenue, 0) as revenue, coalesce(p.won, 0) as won
    from months left join e on e.month = months.month left join p on p.month = months.month
    order by months.month`.execute(db);
  return result.rows.map(toTrendPoint);
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
