/**
 * Program analytics benchmark: 10,000 organizations with two years of monthly engagement and
 * program figures (240,000 rows each) and cross-organization answers, then the dashboard's
 * queries (per-organization table, contributors, trend, segments, mentor impact) in-process.
 * Target: each dashboard load under 500 ms.
 *
 *   BENCH_DATABASE_URL=postgres://…/pc_bench_analytics npm run bench:analytics
 *
 * Without BENCH_DATABASE_URL it runs on embedded PGlite (in memory). Appends to docs/benchmarks.md.
 */
import fs from "node:fs";
import os from "node:os";
import { execSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { sql, type Kysely } from "kysely";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import type { DB } from "../db/schema";
import { periodRange, parseFilter } from "../app/domain/analytics/filters";
import { ecosystemQueries } from "../app/domain/analytics/dashboard.server";

const ORGANIZATIONS = 10_000;
const MONTHS = 24;
const RUNS = 10;
const NOW = new Date(Date.UTC(2026, 10, 15));

async function fill(db: Kysely<DB>) {
  const existing = await db.selectFrom("analytics_engagement_monthly").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  if (Number(existing.n) >= ORGANIZATIONS * MONTHS) return;
  await sql`select setseed(0.21)`.execute(db);
  await sql`insert into organizations (slug, name, tier, regions, countries, specializations, certifications, community_sector, segments, description)
    select 'bench-org-' || g, 'Bench Partner ' || g, (array['registered','silver','gold','platinum'])[1 + g % 4],
      array[(array['North America','EMEA','APAC','LATAM'])[1 + g % 4]], '{}', '{}', '{}', g % 4 = 0, '{}', ''
    from generate_series(1, ${ORGANIZATIONS}) g
    on conflict (slug) do nothing`.execute(db);
  const months = sql`(select generate_series(date '2024-12-01', date '2026-11-01', interval '1 month')::date as m) months`;
  await sql`insert into analytics_engagement_monthly (organization_id, month, points, active_members, accepted_answers, mentoring_sessions, council_contributions)
    select o.id, months.m, floor(random() * 500)::int, floor(random() * 20)::int, floor(random() * 10)::int, floor(random() * 4)::int, floor(random() * 2)::int
    from organizations o cross join ${months} where o.slug like 'bench-org-%'`.execute(db);
  await sql`insert into program_performance (organization_id, period_kind, period_start, revenue, registered_deals, won_deals, certifications, tier)
    select o.id, 'month', months.m, round((random() * 500000)::numeric, 2), 10 + floor(random() * 10)::int, floor(random() * 10)::int, floor(random() * 3)::int, o.tier
    from organizations o cross join ${months} where o.slug like 'bench-org-%'`.execute(db);
  // About 200,000 cross-organization answer rows: each organization helps a few others a month.
  await sql`insert into analytics_cross_org_answers (helper_organization_id, helped_organization_id, month, answers)
    select distinct on (o.id, helped, months.m) o.id, helped, months.m, 1 + floor(random() * 3)::int
    from organizations o cross join ${months}
    cross join lateral (select (select min(id) from organizations) + floor(random() * ${ORGANIZATIONS})::int as helped from generate_series(1, 1 + (o.id % 2))) h
    where o.slug like 'bench-org-%' and helped <> o.id and o.id % 3 = 0`.execute(db);
  await sql`analyze`.execute(db);
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** What the dashboard loader runs for one view, minus the refresh of recent months. */
async function dashboard(db: Kysely<DB>, query: string) {
  const filter = parseFilter(new URLSearchParams(query));
  return (await ecosystemQueries(db, filter, periodRange(filter.period, NOW))).organizations.length;
}

async function time(db: Kysely<DB>, label: string, query: string) {
  for (let i = 0; i < 1; i++) await dashboard(db, query);
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    rows = await dashboard(db, query);
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
  await fill(db);
  console.info(`filled in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
  const cases: [string, string][] = [
    ["last 12 months, no filter", "period=last12"],
    ["year 2025, region EMEA", "period=2025&region=EMEA"],
    ["quarter 2026-Q3, tier gold, community sector", "period=2026-Q3&tier=gold&sector=yes"],
    ["month 2026-10, won deals", "period=2026-10&measure=won_deals"],
  ];
  const results = [];
  for (const [label, query] of cases) results.push(await time(db, label, query));
  const engine = url ? "PostgreSQL 15 (loopback)" : "embedded PGlite (in memory)";
  const uptime = execSync("uptime").toString().trim();
  console.info(`\n${engine}; ${uptime}\n`);
  console.table(results.map((r) => ({ what: r.label, "p50 ms": r.p50.toFixed(1), "p95 ms": r.p95.toFixed(1), "max ms": r.max.toFixed(1) })));
  const lines = [
    "",
    `### Program analytics dashboard: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${engine}`,
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; \`uptime\` at the end: ${uptime}. ${ORGANIZATIONS.toLocaleString("en")} organizations x ${MONTHS} months of engagement and program figures (${(ORGANIZATIONS * MONTHS).toLocaleString("en")} rows each) plus cross-organization answers; ${RUNS} runs per view after 1 warm-up. Command: \`${url ? "BENCH_DATABASE_URL=… " : ""}npm run bench:analytics\`. One dashboard load in-process (per-organization table for every organization, top contributors, trend, segments, mentor impact; no HTTP, no refresh of recent months). Target < 500 ms.`,
    "",
    "| view | p50 ms | p95 ms | max ms |",
    "| --- | --- | --- | --- |",
    ...results.map((r) => `| ${r.label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`),
  ];
  fs.appendFileSync(new URL("../docs/benchmarks.md", import.meta.url), `${lines.join("\n")}\n`);
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
