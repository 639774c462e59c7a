/**
 * Program analytics benchmark: 10,000 organizations with two years of monthly engagement and
 * program figures (240,000 rows each), cross-organization answers, 20,000 people, 2,000
 * mentorships and two months of recognition ledger (120,000 rows) that the dashboard's refresh
 * aggregates; then one dashboard request per run, in-process (bench/analytics-load.ts).
 * Target: each dashboard load under 500 ms.
 *
 *   BENCH_DATABASE_URL=postgres://…/pc_bench_analytics npm run bench:analytics
 *
 * Without BENCH_DATABASE_URL it runs on embedded PGlite (in memory). Appends to docs/benchmarks.md.
 * `npx tsx bench/analytics-explain.ts` prints each statement's plan for one load.
 */
import { execSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { sql, type Kysely } from "kysely";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import type { DB } from "../db/schema";
import { parseFilter } from "../app/domain/analytics/filters";
import { refreshRecent } from "../app/domain/analytics/dashboard.server";
import { dashboardLoad, NOW } from "./analytics-load";
import { appendToBenchmarks, machine, markdownTable, utcMinute } from "./support/report";

const ORGANIZATIONS = 10_000;
const MONTHS = 24;
const RUNS = 10;
/** The months the dashboard's refresh recomputes from the ledger (previous and current). */
const LEDGER_FROM = "2026-10-01";

async function fill(db: Kysely<DB>) {
  const existing = await db.selectFrom("program_performance").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  if (Number(existing.n) >= ORGANIZATIONS * MONTHS) return false;
  await sql`select setseed(0.21)`.execute(db);
  await sql`insert into organizations (slug, name, tier, regions, countries, specializations, certifications, community_sector, segments, description)
    select 'bench-org-' || g, 'Bench Partner ' || g, (array['registered','silver','gold','platinum'])[1 + g % 4],
      array[(array['North America','EMEA','APAC','LATAM'])[1 + g % 4]], '{}', '{}', '{}', g % 4 = 0, '{}', ''
    from generate_series(1, ${ORGANIZATIONS}) g
    on conflict (slug) do nothing`.execute(db);
  const months = sql`(select generate_series(date '2024-12-01', date '2026-11-01', interval '1 month')::date as m) months`;
  // Older months as the refresh left them; the last two come from the ledger below.
  await sql`insert into analytics_engagement_monthly (organization_id, month, points, active_members, accepted_answers, mentoring_sessions, council_contributions)
    select o.id, months.m, floor(random() * 500)::int, floor(random() * 20)::int, floor(random() * 10)::int, floor(random() * 4)::int, floor(random() * 2)::int
    from organizations o cross join ${months} where o.slug like 'bench-org-%' and months.m < ${LEDGER_FROM}::date`.execute(db);
  await sql`insert into program_performance (organization_id, period_kind, period_start, revenue, registered_deals, won_deals, certifications, tier)
    select o.id, 'month', months.m, round((random() * 500000)::numeric, 2), 10 + floor(random() * 10)::int, floor(random() * 10)::int, floor(random() * 3)::int, o.tier
    from organizations o cross join ${months} where o.slug like 'bench-org-%'`.execute(db);
  // About 120,000 cross-organization answer rows: each organization helps a few others a month.
  await sql`insert into analytics_cross_org_answers (helper_organization_id, helped_organization_id, month, answers)
    select distinct on (o.id, helped, months.m) o.id, helped, months.m, 1 + floor(random() * 3)::int
    from organizations o cross join ${months}
    cross join lateral (select (select min(id) from organizations) + floor(random() * ${ORGANIZATIONS})::int as helped from generate_series(1, 1 + (o.id % 2))) h
    where o.slug like 'bench-org-%' and helped <> o.id and o.id % 3 = 0 and months.m < ${LEDGER_FROM}::date`.execute(db);
  await sql`insert into users (id, email, handle, display_name, organization_id)
    select 'bench-user-' || o.id || '-' || k, 'bench-user-' || o.id || '-' || k || '@example.com', 'bench-user-' || o.id || '-' || k,
      'Bench Person ' || o.id || '-' || k, o.id
    from organizations o cross join generate_series(1, 2) k where o.slug like 'bench-org-%'`.execute(db);
  // Six credited actions per organization a month over the two recent months.
  await sql`insert into recognition_ledger (event_id, rule, user_id, organization_id, points, occurred_at)
    select row_number() over (), r.rule, 'bench-user-' || o.id || '-' || (1 + k % 2), o.id, r.points,
      months.m + (floor(random() * 27) || ' days')::interval + interval '12 hours'
    from organizations o cross join generate_series(date '2026-10-01', date '2026-11-01', interval '1 month') months(m)
    cross join generate_series(1, 6) k
    cross join lateral (select (array['reply_posted','thread_created','reaction_received','answer_accepted','reply_posted','reaction_received'])[k] as rule,
      (array[2, 5, 5, 15, 2, 5])[k] as points) r
    where o.slug like 'bench-org-%'`.execute(db);
  // One mentor in every fifth organization, mentoring someone in the next one.
  await sql`insert into mentorships (public_id, mentor_id, mentee_id, status, expires_at, started_at)
    select 'bench-m-' || o.id, 'bench-user-' || o.id || '-1', 'bench-user-' || (o.id + 1) || '-2', 'active', now() + interval '1 year',
      timestamptz '2026-01-01' + (floor(random() * 300) || ' days')::interval
    from organizations o where o.slug like 'bench-org-%' and o.id % 5 = 0
      and exists (select 1 from users u where u.id = 'bench-user-' || (o.id + 1) || '-2')`.execute(db);
  await sql`analyze`.execute(db);
  return true;
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Appends one credited action in the current month before each run: the next load's refresh has work. */
async function newPoints(db: Kysely<DB>) {
  await sql`insert into recognition_ledger (event_id, rule, user_id, organization_id, points, occurred_at)
    select coalesce(max(event_id), 0) + 1, 'reply_posted', 'bench-user-' || o.id || '-1', o.id, 2, ${NOW.toISOString()}::timestamptz
    from recognition_ledger, (select id from organizations where slug like 'bench-org-%' order by random() limit 1) o
    group by o.id`.execute(db);
}

async function time(db: Kysely<DB>, label: string, query: string, before?: (db: Kysely<DB>) => Promise<void>) {
  const filter = parseFilter(new URLSearchParams(query));
  await before?.(db);
  await dashboardLoad(db, filter);
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    await before?.(db);
    const start = performance.now();
    rows = await dashboardLoad(db, filter);
    samples.push(performance.now() - start);
  }
  return { label: `${label} (${rows} organizations)`, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = url ? await openDatabase({ url }) : await openDatabase({ inMemory: true });
  const { db } = database;
  await migrateToLatest(db);
  const filling = performance.now();
  if (await fill(db)) console.info(`filled in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
  // The first refresh aggregates the ledger's months and builds the pre-aggregated tables.
  const building = performance.now();
  await refreshRecent(db, NOW);
  console.info(`first refresh in ${((performance.now() - building) / 1000).toFixed(1)} s`);
  // What autovacuum does within a minute of a large import: statistics for the new rows, and
  // the emptied queue's dead rows cleared (its emptiness is checked on every load).
  await sql`vacuum analyze`.execute(db);
  const cases: [string, string][] = [
    ["last 12 months, no filter", "period=last12"],
    ["year 2025, region EMEA", "period=2025&region=EMEA"],
    ["quarter 2026-Q3, tier gold, community sector", "period=2026-Q3&tier=gold&sector=yes"],
    ["month 2026-10, won deals", "period=2026-10&measure=won_deals"],
  ];
  const results = [];
  for (const [label, query] of cases) results.push(await time(db, label, query));
  results.push(await time(db, "last 12 months, no filter, one new ledger row before each load", "period=last12", newPoints));
  const engine = url ? "PostgreSQL 15 (loopback)" : "embedded PGlite (in memory)";
  const uptime = execSync("uptime").toString().trim();
  console.info(`\n${engine}; ${uptime}\n`);
  console.table(results.map((r) => ({ what: r.label, "p50 ms": r.p50.toFixed(1), "p95 ms": r.p95.toFixed(1), "max ms": r.max.toFixed(1) })));
  const lines = [
    `### Program analytics dashboard: ${utcMinute()} UTC, ${engine}`,
    `Machine: ${machine()}; \`uptime\` at the end: ${uptime}. ${ORGANIZATIONS.toLocaleString("en")} organizations x ${MONTHS} months of engagement and program figures (${(ORGANIZATIONS * MONTHS).toLocaleString("en")} rows each) plus cross-organization answers; ${RUNS} runs per view after 1 warm-up. Command: \`${url ? "BENCH_DATABASE_URL=… " : ""}npm run bench:analytics\`. One dashboard request in-process as the loader runs it (bench/analytics-load.ts: the ledger check and refresh of recent months when it changed, per-organization table for every organization, top contributors, trend, segments, mentor impact, scatter, filter form, JSON encoding; no HTTP). 20,000 people, 2,000 mentorships, 120,000 ledger rows in the two recent months. Target < 500 ms.`,
    "",
    ...markdownTable(["view", "p50 ms", "p95 ms", "max ms"], results.map((r) => [r.label, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1)])),
  ];
  appendToBenchmarks(lines);
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
