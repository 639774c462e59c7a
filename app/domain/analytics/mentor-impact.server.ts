import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { DashboardFilter } from "./filters";
import type { MentorImpact } from "./mentor-impact";

export type { MentorImpact };

/**
 * Mentor impact: for each mentor, their mentees' points in the 90 days before each mentorship
 * started against the 90 days after, and the mentees' organizations' won deals in the six
 * months before against the six after (quarters count by their first month). Mentorships that
 * started before the end of the range; the "after" window is cut at today.
 */

type OrgFilter = Pick<DashboardFilter, "region" | "tier" | "sector">;

export async function mentorImpact(
  db: Kysely<DB>,
  filter: OrgFilter,
  range: { from: string; to: string },
  options: { organizationId?: number; limit?: number } = {},
): Promise<MentorImpact[]> {
  const parts = [sql`true`];
  if (filter.region) parts.push(sql`${filter.region} = any(o.regions)`);
  if (filter.tier) parts.push(sql`o.tier = ${filter.tier}`);
  if (filter.sector) parts.push(sql`o.community_sector = ${filter.sector === "yes"}`);
  if (options.organizationId !== undefined) parts.push(sql`(mentor.organization_id = ${options.organizationId} or mentee.organization_id = ${options.organizationId})`);
  const result = await sql<{
    mentor_id: string;
    display_name: string;
    handle: string;
    organization: string | null;
    mentees: string;
    points_before: string;
    points_after: string;
    won_before: string;
    won_after: string;
  }>`
    select mentor.id as mentor_id, mentor.display_name, mentor.handle, o.name as organization,
      count(distinct m.mentee_id) as mentees,
      coalesce(sum(pts.before), 0) as points_before, coalesce(sum(pts.after), 0) as points_after,
      coalesce(sum(won.before), 0) as won_before, coalesce(sum(won.after), 0) as won_after
    from mentorships m
    join users mentor on mentor.id = m.mentor_id
    join users mentee on mentee.id = m.mentee_id
    left join organizations o on o.id = mentor.organization_id
    cross join lateral (
      select coalesce(sum(l.points) filter (where l.occurred_at < m.started_at), 0) as before,
        coalesce(sum(l.points) filter (where l.occurred_at >= m.started_at), 0) as after
      from recognition_ledger l
      where l.user_id = m.mentee_id and l.occurred_at >= m.started_at - interval '90 days'
        and l.occurred_at < m.started_at + interval '90 days'
    ) pts
    cross join lateral (
      select coalesce(sum(p.won_deals) filter (where p.period_start < date_trunc('month', m.started_at)), 0) as before,
        coalesce(sum(p.won_deals) filter (where p.period_start >= date_trunc('month', m.started_at)), 0) as after
      from program_performance p
      where p.organization_id = mentee.organization_id
        and p.period_start >= date_trunc('month', m.started_at) - interval '6 months'
        and p.period_start < date_trunc('month', m.started_at) + interval '6 months'
    ) won
    where m.started_at is not null and m.started_at < ${range.to}::date and ${sql.join(parts, sql` and `)}
    group by mentor.id, mentor.display_name, mentor.handle, o.name
    order by coalesce(sum(pts.after), 0) - coalesce(sum(pts.before), 0) desc, mentor.display_name
    limit ${options.limit ?? 20}`.execute(db);
  return result.rows.map((row) => ({
    mentorId: row.mentor_id,
    mentorName: row.display_name,
    mentorHandle: row.handle,
    organization: row.organization,
    mentees: Number(row.mentees),
    pointsBefore: Number(row.points_before),
    pointsAfter: Number(row.points_after),
    wonDealsBefore: Number(row.won_before),
    wonDealsAfter: Number(row.won_after),
  }));
}
