import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { applyQueuedChanges, lockRefresh } from "./aggregates.server";
import { sqlDay } from "./sql-day.server";

/**
 * Engagement per organization and month, aggregated from the recognition ledger (the engine's
 * record of every credited action, decision 011) into analytics_engagement_monthly and
 * analytics_cross_org_answers. Council work counts as a number of credited contributions;
 * nothing about its content is read. `from` (a month start) limits the work to recent months:
 * a dashboard visit refreshes the current and previous month when the ledger changed (decision
 * 026), the import and `npm run analytics:refresh` everything. Either way the pre-aggregated
 * tables are brought up to date in the same transaction.
 */
export async function refreshEngagement(db: Kysely<DB>, options: { from?: string } = {}) {
  await db.transaction().execute(async (trx) => {
    await lockRefresh(trx);
    const ledger = await ledgerState(trx);
    await recompute(trx, options.from ?? "1970-01-01");
    await rememberLedger(trx, ledger);
    await applyQueuedChanges(trx);
  });
}

/**
 * A dashboard visit: recomputes the months from `from` only when the ledger changed since the
 * last refresh (a new row or a rebuilt ledger), and folds in queued changes (an import, an
 * edited organization). An unchanged ledger and an empty queue cost one small query.
 */
export async function refreshIfChanged(db: Kysely<DB>, from: string) {
  if (!needsWork(await ledgerState(db))) return;
  await db.transaction().execute(async (trx) => {
    await lockRefresh(trx);
    // Another visit may have done the work while this one waited for the lock.
    const ledger = await ledgerState(trx);
    if (!needsWork(ledger)) return;
    if (ledgerChanged(ledger)) {
      // Same ledger, more rows: only the organizations and months those rows touch.
      const since = ledger.relation === ledger.seenRelation && ledger.seenMaxId !== null ? ledger.seenMaxId : undefined;
      await recompute(trx, from, since);
      await rememberLedger(trx, ledger);
    }
    await applyQueuedChanges(trx);
  });
}

interface LedgerState {
  relation: number | null;
  maxId: number | null;
  seenRelation: number | null;
  seenMaxId: number | null;
  queued: boolean;
}

const ledgerChanged = (s: LedgerState) => s.relation !== s.seenRelation || s.maxId !== s.seenMaxId;
const needsWork = (s: LedgerState) => ledgerChanged(s) || s.queued;

// Ledger rows are written under the dispatcher's lock, one transaction at a time, so every row
// at or below the highest id seen has committed: a larger maximum is the only sign of change.
// The relation's oid changes when a recognition rebuild swaps in a new ledger.
async function ledgerState(db: Kysely<DB>): Promise<LedgerState> {
  const { rows } = await sql<{ relation: number | string | null; max_id: number | string | null; seen_relation: number | string | null; seen_max_id: number | string | null; queued: boolean }>`
    select to_regclass('recognition_ledger')::oid::bigint as relation, (select max(id) from recognition_ledger) as max_id,
      s.ledger_relation as seen_relation, s.ledger_max_id as seen_max_id, exists (select 1 from analytics_dirty) as queued
    from (select 1) one left join analytics_refresh_state s on true`.execute(db);
  const row = rows[0]!;
  const n = (value: number | string | null) => (value === null ? null : Number(value));
  return { relation: n(row.relation), maxId: n(row.max_id), seenRelation: n(row.seen_relation), seenMaxId: n(row.seen_max_id), queued: row.queued };
}

async function rememberLedger(trx: Kysely<DB>, state: LedgerState) {
  await sql`insert into analytics_refresh_state (id, ledger_relation, ledger_max_id) values (true, ${state.relation}, ${state.maxId})
    on conflict (id) do update set ledger_relation = excluded.ledger_relation, ledger_max_id = excluded.ledger_max_id`.execute(trx);
}

/**
 * Months from `from` computed again from the ledger. Only rows whose figures differ are
 * written, so the queue (and the pre-aggregated tables' work) holds only what changed. With
 * `since` (a ledger id), only the (organization, month) pairs of newer rows are recomputed: a
 * pair's figures depend on that organization's rows in that month alone.
 */
async function recompute(trx: Kysely<DB>, from: string, since?: number) {
  const touched =
    since === undefined
      ? sql`select o.id as organization_id, null::date as month from organizations o where false`
      : sql`select distinct l.organization_id, date_trunc('month', l.occurred_at at time zone 'UTC')::date as month
          from recognition_ledger l where l.id > ${since} and l.occurred_at >= ${from}::date and l.organization_id is not null`;
  const scope =
    since === undefined
      ? sql`true`
      : sql`(l.organization_id, date_trunc('month', l.occurred_at at time zone 'UTC')::date) in (select organization_id, month from touched)
          and l.occurred_at >= (select min(month) from touched)::timestamp at time zone 'UTC'`;
  const kept =
    since === undefined ? sql`true` : sql`(m.organization_id, m.month) in (select organization_id, month from touched)`;
  await sql`
    with touched as (${touched}),
    fresh as (
      select l.organization_id, date_trunc('month', l.occurred_at at time zone 'UTC')::date as month,
        sum(l.points)::int as points,
        count(distinct l.user_id) filter (where l.points > 0)::int as active_members,
        (count(*) filter (where l.rule = 'answer_accepted')
          - count(*) filter (where l.rule = 'reversal' and l.reverses_rule = 'answer_accepted'))::int as accepted_answers,
        (count(*) filter (where l.rule = 'mentoring_session_confirmed')
          - count(*) filter (where l.rule = 'reversal' and l.reverses_rule = 'mentoring_session_confirmed'))::int as mentoring_sessions,
        count(*) filter (where l.council_id is not null and l.points > 0)::int as council_contributions
      from recognition_ledger l
      join organizations o on o.id = l.organization_id
      where l.occurred_at >= ${from}::date and ${scope}
      group by 1, 2
    ),
    gone as (
      delete from analytics_engagement_monthly m
      -- not in (a hashed subplan), not "not exists": this month's rows are newer than the
      -- planner's statistics, which then chose a nested loop over 20,000 x 20,000 rows.
      where m.month >= ${from}::date and ${kept} and (m.organization_id, m.month) not in (select organization_id, month from fresh)
    )
    insert into analytics_engagement_monthly as m
      (organization_id, month, points, active_members, accepted_answers, mentoring_sessions, council_contributions)
    select * from fresh
    on conflict (organization_id, month) do update set points = excluded.points, active_members = excluded.active_members,
      accepted_answers = excluded.accepted_answers, mentoring_sessions = excluded.mentoring_sessions, council_contributions = excluded.council_contributions
    where (m.points, m.active_members, m.accepted_answers, m.mentoring_sessions, m.council_contributions)
      is distinct from (excluded.points, excluded.active_members, excluded.accepted_answers, excluded.mentoring_sessions, excluded.council_contributions)`.execute(trx);
  if (since !== undefined && !(await answersSince(trx, since))) return;
  await trx.deleteFrom("analytics_cross_org_answers").where("month", ">=", sqlDay(from)).execute();
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
}

/** Whether ledger rows after `since` accept, credit or reverse an answer (cross-organization help). */
async function answersSince(trx: Kysely<DB>, since: number) {
  const { rows } = await sql<{ any: boolean }>`
    select exists (select 1 from recognition_ledger l where l.id > ${since}
      and (l.rule in ('answer_accepted', 'answer_accepted_asker') or l.reverses_rule in ('answer_accepted', 'answer_accepted_asker'))) as any`.execute(trx);
  return rows[0]!.any;
}
