/**
 * Directory search benchmark: 10,000 organizations and 100,000 people (bulk-generated in SQL),
 * then faceted searches with counts, measured in-process (the loader's database work, not HTTP).
 * Target: p95 under 100 ms on PostgreSQL. Needs a database it may fill:
 *
 *   BENCH_DATABASE_URL=postgres://…/pc_bench_directory npm run bench:directory
 *
 * Without BENCH_DATABASE_URL it runs on embedded PGlite (in memory), far slower to fill.
 * Appends its figures to docs/benchmarks.md.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { sql, type Kysely } from "kysely";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import type { DB } from "../db/schema";
import { quarterMonthStarts } from "../app/domain/directory/hooks.server";
import { parseDirectoryQuery } from "../app/domain/directory/query";
import { searchDirectory } from "../app/domain/directory/search.server";
import { appendToBenchmarks, machine, markdownTable, utcMinute } from "./support/report";

const ORGANIZATIONS = 10_000;
const PEOPLE = 100_000;
const RUNS = 60;

const vocab = {
  regions: ["North America", "EMEA", "APAC", "LATAM"],
  countries: ["United States", "Canada", "Germany", "France", "Spain", "Sweden", "Japan", "Singapore", "India", "Brazil", "Chile", "Mexico", "Kenya", "Ireland"],
  specializations: ["Cloud migration", "Managed services", "Security", "Data & analytics", "CRM implementation", "ERP", "Integration", "Training", "AI solutions", "Nonprofit CRM", "Field service", "Commerce"],
  certifications: ["Cloud Architect Professional", "Security Specialist", "Managed Services Provider", "Data Platform Specialist", "CRM Implementation Expert", "Nonprofit Cloud Specialist", "Integration Expert", "AI Associate"],
  segments: ["nonprofits", "civic associations", "community foundations", "local government", "education", "faith-based"],
  expertise: ["Data & analytics", "Pricing", "Practice building", "Data modelling", "Pipelines", "Grant reporting", "Volunteer management", "Fundraising CRM", "Cloud migration", "Kubernetes", "Security audits", "Identity", "Pre-sales", "Solution design", "Change management", "Training", "Project management", "Integration", "APIs", "Reporting", "ERP finance", "Supply chain", "Field service", "Commerce", "Marketing automation", "Customer success", "Support", "AI prompts", "Licensing", "Renewals"],
  languages: ["English", "Spanish", "French", "German", "Portuguese", "Japanese", "Mandarin", "Hindi", "Arabic", "Swedish", "Italian", "Dutch", "Korean", "Polish", "Swahili"],
  words: ["cloud", "data", "partner", "customer", "nonprofit", "migration", "security", "analytics", "grant", "volunteer", "integration", "pricing", "support", "training", "platform"],
};

const pick = (list: string[]) => sql`(${sql.val(list)}::text[])[1 + floor(random() * ${list.length})::int]`;
const some = (list: string[], upTo: number) =>
  sql`array(select distinct (${sql.val(list)}::text[])[1 + floor(random() * ${list.length})::int] from generate_series(1, 1 + floor(random() * ${upTo})::int + (g * 0)))`;

async function fill(db: Kysely<DB>) {
  const existing = await db.selectFrom("organizations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  if (Number(existing.n) >= ORGANIZATIONS) return;
  await sql`select setseed(0.42)`.execute(db);
  await sql`insert into organizations (slug, name, tier, regions, countries, specializations, certifications, community_sector, segments, description)
    select 'bench-org-' || g, 'Bench Partner ' || g, ${pick(["registered", "silver", "gold", "platinum"])},
      ${some(vocab.regions, 2)}, ${some(vocab.countries, 3)}, ${some(vocab.specializations, 3)}, ${some(vocab.certifications, 3)},
      g % 4 = 0, case when g % 4 = 0 then ${some(vocab.segments, 2)} else '{}' end,
      'We help customers with ' || ${pick(vocab.words)} || ' and ' || ${pick(vocab.words)}
    from generate_series(1, ${ORGANIZATIONS}) g`.execute(db);
  await sql`insert into users (id, email, handle, display_name, organization_id, title, bio, time_zone, languages, expertise, region)
    select 'bench-u-' || g, 'bench' || g || '@bench.example', 'bench-' || g,
      ${pick(["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ines", "Jon", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya"])} || ' ' ||
      ${pick(["Smith", "Garcia", "Tanaka", "Müller", "Okafor", "Lindqvist", "Haddad", "Rossi", "Kim", "Silva", "Novak", "Dubois"])} || ' ' || g,
      (select id from organizations where slug = 'bench-org-' || (1 + g % ${ORGANIZATIONS})),
      ${pick(["Consultant", "Solution architect", "Data engineer", "Partner manager", "Project lead", "Trainer", "Managing partner"])},
      'Works on ' || ${pick(vocab.words)} || ' projects for ' || ${pick(vocab.words)} || ' customers.',
      'UTC', ${some(vocab.languages, 2)}, ${some(vocab.expertise, 4)}, ${pick(vocab.regions)}
    from generate_series(1, ${PEOPLE}) g`.execute(db);
  await sql`insert into mentor_profiles (user_id, accepting, capacity)
    select 'bench-u-' || g, g % 3 <> 0, 1 + g % 3 from generate_series(1, ${PEOPLE}, 20) g`.execute(db);
}

/**
 * This quarter's points, as the recognition engine's month buckets hold them, for one person in
 * ten, so that "sort by contribution" ranks real rows. Checked apart from fill(), so a database
 * filled before this existed gets them too.
 */
async function fillPoints(db: Kysely<DB>) {
  const months = quarterMonthStarts(new Date());
  const existing = await sql<{ n: number }>`select count(*)::int as n from recognition_user_points
    where period = 'month' and period_start = any(${sql.val(months)}::date[])`.execute(db);
  if ((existing.rows[0]?.n ?? 0) > 0) return;
  await sql`insert into recognition_user_points (period, period_start, user_id, points)
    select 'month', m::date, 'bench-u-' || g, 1 + floor(random() * 200)::int
    from generate_series(1, ${PEOPLE}, 10) g, unnest(${sql.val(months)}::text[]) m
    where random() < 0.7
    on conflict do nothing`.execute(db);
}

/**
 * The state autovacuum reaches on a live database: statistics and the visibility map (which lets
 * counts read indexes alone). Freshly bulk-loaded tables have neither until autovacuum comes by.
 */
async function settle(db: Kysely<DB>) {
  for (const table of ["users", "organizations", "mentor_profiles", "mentorships", "recognition_user_points", "directory_people", "directory_organizations"]) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(db: Kysely<DB>, label: string, query: string) {
  const run = () => searchDirectory(db, parseDirectoryQuery(new URLSearchParams(query)));
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    total = (await run()).total;
    samples.push(performance.now() - start);
  }
  return { label: `${label} (${total} results)`, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = url ? await openDatabase({ url }) : await openDatabase({ inMemory: true });
  const { db } = database;
  await migrateToLatest(db);
  const filling = performance.now();
  await fill(db);
  await fillPoints(db);
  await settle(db);
  console.info(`filled in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
  const cases: [string, string][] = [
    ["people, no filter (every facet counted over 100k)", ""],
    ["people, region=EMEA", "region=EMEA"],
    ["people, text 'data'", "q=data"],
    ["people, text 'lind' (prefix)", "q=lind"],
    ["people, language Spanish or Portuguese + tier gold", "language=Spanish&language=Portuguese&tier=gold"],
    ["people, expertise Grant reporting + available as mentor", "expertise=Grant+reporting&mentor=yes"],
    ["people, segment nonprofits + region LATAM, sort name, page 3", "segment=nonprofits&region=LATAM&sort=name&page=3"],
    ["people, sort by contribution this quarter", "sort=contribution"],
    ["organizations, no filter", "tab=organizations"],
    ["organizations, text 'cloud' + segment education", "tab=organizations&q=cloud&segment=education"],
  ];
  const results = [];
  for (const [label, query] of cases) results.push(await time(db, label, query));
  const engine = url ? "PostgreSQL 15 (loopback)" : "embedded PGlite (in memory)";
  const load = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  console.info(`\n${engine}, ${ORGANIZATIONS} organizations, ${PEOPLE} people, ${RUNS} runs each after 5 warm-up, load average ${load}\n`);
  console.table(results.map((r) => ({ what: r.label, "p50 ms": r.p50.toFixed(1), "p95 ms": r.p95.toFixed(1), "p99 ms": r.p99.toFixed(1) })));
  const lines = [
    `### Directory search: ${utcMinute()} UTC, ${engine}`,
    `Machine: ${machine()}; load average (1, 5, 15 min) ${load} at the end of the run, on a CPU shared with other work. ${ORGANIZATIONS.toLocaleString("en")} organizations, ${PEOPLE.toLocaleString("en")} people, ${RUNS} runs per query after 5 warm-up, tables vacuumed and analyzed first (as autovacuum leaves them). Command: \`${url ? "BENCH_DATABASE_URL=… " : ""}npm run bench:directory\`. In-process search time (results page, total and every facet's counts; no HTTP). Target p95 < 100 ms.`,
    "",
    ...markdownTable(["query", "p50 ms", "p95 ms", "p99 ms"], results.map((r) => [r.label, r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1)])),
  ];
  appendToBenchmarks(lines);
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
