import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { sqlDay } from "./sql-day.server";

/**
 * Engagement per organization and month, aggregated from the recognition ledger (the engine's
 * record of every credited action, decision 011) into analytics_engagement_monthly and
 * analytics_cross_org_answers. Council work counts as a number of credited contributions;
 * nothing about its content is read. `from` (a month start) limits the work to recent months:
 * the dashboard refreshes the current and previous month on each visit, the import and
 * `npm run analytics:refresh` everything.
 */
export async function refreshEngagement(db: Kysely<DB>, options: { from?: string } = {}) {
  const from = options.from ?? "1970-01-01";
  await db.transaction().execute(async (trx) => {
    // One refresher at a time: two visits at once would otherwise insert the same keys.
    await sql`select pg_advisory_xact_lock(hashtext('analytics.refresh'))`.execute(trx);
    await trx.deleteFrom("analytics_engagement_monthly").where("month", ">=", sqlDay(from)).execute();
    await trx.deleteFrom("analytics_cross_org_answers").where("month", ">=", sqlDay(from)).execute();
    await sql`
      insert into analytics_engagement_monthly
        (organization_id, month, points, active_members, accepted_answers, mentoring_sessions, council_contributions)
      select l.organization_id, date_trunc('month', l.occurred_at at time zone 'UTC')::date,
        sum(l.points)::int,
        count(distinct l.user_id) filter (where l.points > 0)::int,
        (count(*) filter (where l.rule = 'answer_accepted')
          - count(*) filter (where l.rule = 'reversal' and l.reverses_rule = 'answer_accepted'))::int,
        (count(*) filter (where l.rule = 'mentoring_session_confirmed')
          - count(*) filter (where l.rule = 'reversal' and l.reverses_rule = 'mentoring_session_confirmed'))::int,
        count(*) filter (where l.council_id is not null and l.points > 0)::int
      from recognition_ledger l
      join organizations o on o.id = l.organization_id
      where l.occurred_at >= ${from}::date
      group by 1, 2`.execute(trx);
    // The answerer's organization (when credited) against the asker's: the asker's own credit
    // row for the same event when they earn, else their organization now.
    await sql`
      insert into analytics_cross_org_answers (helper_organization_id, helped_organization_id, month, answers)
      select a.organization_id, helped.organization_id, date_trunc('month', a.occurred_at at time zone 'UTC')::date, count(*)::int
      from recognition_ledger a
      join threads t on t.id = a.thread_id
      join users asker on asker.id = t.author_id
      cross join lateral (
        select coalesce(
          (select x.organization_id from recognition_ledger x
            where x.event_id = a.event_id and x.rule = 'answer_accepted_asker' and x.reverses_event_id is null limit 1),
          asker.organization_id) as organization_id
      ) helped
      join organizations o on o.id = helped.organization_id
      where a.rule = 'answer_accepted' and a.reverses_event_id is null
        and a.organization_id is not null and helped.organization_id <> a.organization_id
        and a.occurred_at >= ${from}::date
        and not exists (
          select 1 from recognition_ledger r
          where r.reverses_event_id = a.event_id and r.reverses_rule = 'answer_accepted' and r.user_id = a.user_id)
      group by 1, 2, 3`.execute(trx);
  });
}
