/**
 * Forum search over the generated community (`bench:seed -- --posts N`): p50/p95/p99 of
 * searchPosts(), the function the /search route calls, for an anonymous visitor and a member,
 * in-process (database work and highlighting, no HTTP). Target: p95 < 100 ms at 1,000,000 posts.
 * Seeds the database first when it holds no posts (BENCH_POSTS, default 1,000,000).
 *
 *   npm run bench:seed -- --posts 1000000 && npm run bench:search
 *   BENCH_DATABASE_NAME=pc_bench_posts_small BENCH_POSTS=20000 npm run bench:search
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase } from "../db/client";
import { toSessionUser } from "../app/domain/accounts/auth.server";
import { searchPosts, type SearchOptions } from "../app/domain/forum/search.server";
import { benchServerUrl } from "./seed";
import { FORUM_BENCH_DATABASE, forumBenchDatabaseUrl, runForumSeed } from "./forum-seed/main";
import { sizeFor } from "./forum-seed/size";
import { percentile } from "./support/stats";
import { appendToBenchmarks, machine, markdownTable, utcMinute } from "./support/report";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARM_UP = 3;
/** A query slower than this stops early (at least 5 samples), so one very common word cannot stall the run. */
const BUDGET_MS = Number(process.env.BENCH_BUDGET_SECONDS ?? 20) * 1000;

const CASES: Array<{ label: string; member: boolean; options: SearchOptions }> = [
  { label: "common word: migration", member: false, options: { query: "migration" } },
  { label: "common word: migration", member: true, options: { query: "migration" } },
  { label: "two words: nonprofit renewal", member: true, options: { query: "nonprofit renewal" } },
  { label: 'phrase: "partner manager"', member: false, options: { query: '"partner manager"' } },
  { label: "word minus word: webhook -timeout", member: true, options: { query: "webhook -timeout" } },
  { label: "either word: sandbox or preview", member: false, options: { query: "sandbox or preview" } },
  { label: "rare word: velquadra", member: true, options: { query: "velquadra" } },
  { label: "title words: pricing customer", member: false, options: { query: "pricing customer" } },
  { label: "solved only, one category: integration", member: true, options: { query: "integration", solved: true, categorySlug: "integrations-and-apis" } },
  { label: "page 5: dashboard", member: true, options: { query: "dashboard", page: 5 } },
];

async function databaseHasPosts() {
  const admin = new pg.Client({ connectionString: benchServerUrl() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [FORUM_BENCH_DATABASE]);
    if (!rowCount) return false;
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: forumBenchDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query("select exists (select 1 from information_schema.tables where table_name = 'posts') and exists (select 1 from posts) as filled");
    return Boolean(rows[0]?.filled);
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

async function main() {
  if (!(await databaseHasPosts())) await runForumSeed(sizeFor(Number(process.env.BENCH_POSTS ?? 1_000_000)));
  const database = await openDatabase({ url: forumBenchDatabaseUrl(), poolSize: 4 });
  const { db } = database;
  const counted = await db.selectFrom("posts").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const posts = Number(counted.n);
  const memberRow = await db.selectFrom("users").selectAll().where("role", "=", "member").where("organization_id", "is not", null).orderBy("id").offset(10).limit(1).executeTakeFirstOrThrow();
  const member = toSessionUser(memberRow);
  const loadBefore = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  const results = [];
  for (const entry of CASES) {
    const run = () => searchPosts(db, entry.member ? member : null, entry.options);
    const matches = await sql<{ n: string }>`select count(*) as n from posts where search @@ websearch_to_tsquery('english', ${entry.options.query})`.execute(db);
    for (let i = 0; i < WARM_UP; i++) await run();
    const samples: number[] = [];
    let shown = 0;
    const began = performance.now();
    for (let i = 0; i < RUNS && (i < 5 || performance.now() - began < BUDGET_MS); i++) {
      const start = performance.now();
      shown = (await run()).results.length;
      samples.push(performance.now() - start);
    }
    const share = ((100 * Number(matches.rows[0]!.n)) / posts).toFixed(2);
    const label = `${entry.label} (${entry.member ? "member" : "anonymous"}; body matches ${Number(matches.rows[0]!.n).toLocaleString("en")} = ${share}% of posts; ${samples.length} runs)`;
    results.push({ label, shown, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) });
    console.info(`${label}: p50 ${results.at(-1)!.p50.toFixed(1)} ms, p95 ${results.at(-1)!.p95.toFixed(1)} ms`);
  }
  const loadAfter = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  const worst = Math.max(...results.map((r) => r.p95));
  const lines = [
    `### Forum search over ${posts.toLocaleString("en")} posts: ${utcMinute()} UTC, PostgreSQL (loopback)`,
    `Machine: ${machine()}; load average (1, 5, 15 min) ${loadBefore} at the start, ${loadAfter} at the end, on a CPU shared with other work. Data from \`npm run bench:seed -- --posts ${posts}\`. Up to ${RUNS} runs per query after ${WARM_UP} warm-up (fewer when a query's runs pass ${BUDGET_MS / 1000} s; the count is in each row). Command: \`npm run bench:search\`. In-process time of searchPosts() (the /search loader's query, first page of 20 unless noted, with snippets; no HTTP). Target p95 < 100 ms; worst p95 here ${worst.toFixed(1)} ms.`,
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
