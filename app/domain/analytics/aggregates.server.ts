import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";

/**
 * One refresher at a time: two visits at once would otherwise insert the same keys. An import
 * takes it before writing, so its queued rows and a refresh never wait on each other in turn.
 */
export async function lockRefresh(trx: Kysely<DB>) {
  await sql`select pg_advisory_xact_lock(hashtext('analytics.refresh'))`.execute(trx);
  // JIT compiled these statements' plans for longer than they ran (160 ms of 1.4 s under load).
  await sql`set local jit = off`.execute(trx);
}

/**
 * Folds the queue of changed (organization, month) pairs (filled by triggers on the engagement,
 * program and organization tables) into analytics_org_cumulative and analytics_segment_monthly.
 * Run inside the refresh transaction, under its advisory lock. See decision 026.
 */
export async function applyQueuedChanges(trx: Kysely<DB>) {
  await sql`create temp table analytics_taken (organization_id integer not null, month date not null) on commit drop`.execute(trx);
  await sql`with taken as (delete from analytics_dirty returning organization_id, month)
    insert into analytics_taken select organization_id, month from taken`.execute(trx);
  // Temporary tables get no statistics by themselves; without them the joins below were planned blind.
  await sql`analyze analytics_taken`.execute(trx);
  // Organizations with no queued change keep their rows; they only need carrying forward when
  // the latest month moves on, so that every organization has a row at every month up to it.
  await sql`
    with old as (select max(month) as h from analytics_org_cumulative),
    new as (select greatest(
      (select max(month) from analytics_engagement_monthly),
      (select max(period_start) from program_performance),
      (select h from old)) as h)
    insert into analytics_org_cumulative
    select c.organization_id, g.month::date, c.engagement_months, c.points, c.active_members, c.accepted_answers,
      c.mentoring_sessions, c.council_contributions, c.program_periods, c.revenue, c.registered_deals, c.won_deals, c.certifications
    from old, new, analytics_org_cumulative c
    cross join generate_series((select h from old) + interval '1 month', (select h from new), interval '1 month') g(month)
    where c.month = old.h and new.h > old.h
      and c.organization_id not in (select organization_id from analytics_taken)
    order by g.month, c.organization_id`.execute(trx);
  // Changed organizations: running sums again from their earliest changed month, starting from
  // their last row before it (which may be older when the latest month moved on meanwhile).
  await sql`create temp table analytics_starts on commit drop as
    select s.organization_id, coalesce(b.month + interval '1 month', s.m0)::date as first_month,
      b.engagement_months, b.points, b.active_members, b.accepted_answers, b.mentoring_sessions,
      b.council_contributions, b.program_periods, b.revenue, b.registered_deals, b.won_deals, b.certifications
    from (select t.organization_id, min(t.month) as m0 from analytics_taken t
      join organizations o on o.id = t.organization_id group by 1) s
    left join lateral (
      select * from analytics_org_cumulative c
      where c.organization_id = s.organization_id and c.month < s.m0 order by c.month desc limit 1) b on true`.execute(trx);
  await sql`analyze analytics_starts`.execute(trx);
  await sql`delete from analytics_org_cumulative c using analytics_starts s
    where c.organization_id = s.organization_id and c.month >= s.first_month`.execute(trx);
  await sql`
    with horizon as (select greatest(
      (select max(month) from analytics_engagement_monthly),
      (select max(period_start) from program_performance),
      (select max(month) from analytics_org_cumulative)) as h),
    grid as (
      select s.*, g.month::date as month
      from analytics_starts s, horizon cross join generate_series(s.first_month, horizon.h, interval '1 month') g(month)
    ),
    engagement as (
      select m.organization_id, m.month, m.points, m.active_members, m.accepted_answers, m.mentoring_sessions, m.council_contributions
      from analytics_engagement_monthly m join analytics_starts s on s.organization_id = m.organization_id
      where m.month >= s.first_month
    ),
    program as (
      select p.organization_id, p.period_start as month, count(*) as periods, sum(p.revenue) as revenue,
        sum(p.registered_deals) as registered_deals, sum(p.won_deals) as won_deals, sum(p.certifications) as certifications
      from program_performance p join analytics_starts s on s.organization_id = p.organization_id
      where p.period_start >= s.first_month
      group by 1, 2
    )
    insert into analytics_org_cumulative
    select g.organization_id, g.month,
      coalesce(g.engagement_months, 0) + count(e.month) over w,
      coalesce(g.points, 0) + coalesce(sum(e.points) over w, 0),
      coalesce(g.active_members, 0) + coalesce(sum(e.active_members) over w, 0),
      coalesce(g.accepted_answers, 0) + coalesce(sum(e.accepted_answers) over w, 0),
      coalesce(g.mentoring_sessions, 0) + coalesce(sum(e.mentoring_sessions) over w, 0),
      coalesce(g.council_contributions, 0) + coalesce(sum(e.council_contributions) over w, 0),
      coalesce(g.program_periods, 0) + coalesce(sum(p.periods) over w, 0),
      coalesce(g.revenue, 0) + coalesce(sum(p.revenue) over w, 0),
      coalesce(g.registered_deals, 0) + coalesce(sum(p.registered_deals) over w, 0),
      coalesce(g.won_deals, 0) + coalesce(sum(p.won_deals) over w, 0),
      coalesce(g.certifications, 0) + coalesce(sum(p.certifications) over w, 0)
    from grid g
    left join engagement e on e.organization_id = g.organization_id and e.month = g.month
    left join program p on p.organization_id = g.organization_id and p.month = g.month
    window w as (partition by g.organization_id order by g.month)
    -- Written month by month: a dashboard reads one month's rows, which then share few pages.
    order by g.month, g.organization_id`.execute(trx);
  await refreshSegments(trx);
}

/** Recomputes the trend's monthly group totals for every queued month. */
async function refreshSegments(trx: Kysely<DB>) {
  await sql`create temp table analytics_taken_months on commit drop as select distinct month from analytics_taken`.execute(trx);
  await sql`analyze analytics_taken_months`.execute(trx);
  await sql`delete from analytics_segment_monthly where month in (select month from analytics_taken_months)`.execute(trx);
  await sql`
    insert into analytics_segment_monthly (month, tier, community_sector, regions, points, active_members, accepted_answers, revenue, won_deals)
    select month, tier, community_sector, regions, sum(points), sum(active_members), sum(accepted_answers), sum(revenue), sum(won_deals)
    from (
      select m.month, o.tier, o.community_sector, o.regions, m.points, m.active_members, m.accepted_answers, 0::numeric as revenue, 0::numeric as won_deals
      from analytics_engagement_monthly m join organizations o on o.id = m.organization_id
      where m.month in (select month from analytics_taken_months)
      union all
      select spread.month, o.tier, o.community_sector, o.regions, 0, 0, 0, p.revenue / spread.n, p.won_deals::numeric / spread.n
      from program_performance p join organizations o on o.id = p.organization_id
      cross join lateral (
        select (p.period_start + make_interval(months => i))::date as month, case when p.period_kind = 'quarter' then 3 else 1 end as n
        from generate_series(0, case when p.period_kind = 'quarter' then 2 else 0 end) i
      ) spread
      where p.period_start > (select min(month) from analytics_taken_months) - interval '3 months'
        and p.period_start <= (select max(month) from analytics_taken_months)
        and spread.month in (select month from analytics_taken_months)
    ) rows
    group by 1, 2, 3, 4`.execute(trx);
}
