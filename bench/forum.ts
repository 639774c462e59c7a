/**
 * Forum read benchmark: the thread page's data for a 200-reply thread and full-text search over
 * the demo data, measured in-process (the loader's database work, not HTTP). Runs on embedded
 * PGlite, or on PostgreSQL with BENCH_DATABASE_URL (a database it may fill; it is migrated and
 * seeded if empty). Appends its figures to docs/benchmarks.md.
 *
 *   npm run bench:forum                     # embedded, in memory
 *   BENCH_DATABASE_URL=postgres://… npm run bench:forum
 */
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDemo, hasUsers } from "../db/seed/demo";
import { getThreadPage } from "../app/domain/forum/queries.server";
import { searchPosts } from "../app/domain/forum/search.server";
import { reply } from "../app/domain/forum/posts.server";
import { createThread } from "../app/domain/forum/threads.server";
import { RENDERER_VERSION, renderMarkdown } from "../app/domain/forum/markdown";
import { toSessionUser, type SessionUser } from "../app/domain/accounts/auth.server";
import { appendToBenchmarks, machine, markdownTable, utcMinute } from "./support/report";

const render = async (source: string) => ({ ...renderMarkdown(source), rendererVersion: RENDERER_VERSION });
const RUNS = 200;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return { label, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = url ? await openDatabase({ url }) : await openDatabase({ inMemory: true });
  const { db } = database;
  await migrateToLatest(db);
  if (!(await hasUsers(db))) await seedDemo(db, {});
  const people = await db.selectFrom("users").selectAll().where("organization_id", "is not", null).limit(20).execute();
  const actors: SessionUser[] = people.map(toSessionUser);
  const category = await db.selectFrom("categories").select("id").where("visibility", "=", "public").executeTakeFirstOrThrow();
  const body = fs.readFileSync(new URL("./sample-post.md", import.meta.url), "utf8");
  let at = Date.now() - 30 * 86_400_000;
  const { threadId } = await createThread(db, { actor: actors[0]!, thread: { title: "Benchmark thread with two hundred replies", categoryId: category.id, tags: [], body }, render, at: new Date(at) });
  for (let i = 0; i < 200; i++) {
    at += 5 * 60_000;
    await reply(db, { actor: actors[(i % (actors.length - 1)) + 1]!, threadId, body, render, at: new Date(at) });
  }
  const reader = actors[3]!;
  const results = [
    await time("thread page, first page of 200 replies (anonymous)", () => getThreadPage(db, null, threadId, 1)),
    await time("thread page, first page of 200 replies (member)", () => getThreadPage(db, reader, threadId, 1)),
    await time("thread page, last page (member)", () => getThreadPage(db, reader, threadId, 11)),
    await time('search "nonprofit renewal" (member)', () => searchPosts(db, reader, { query: "nonprofit renewal" })),
    await time('search "migration" (anonymous)', () => searchPosts(db, null, { query: "migration" })),
  ];
  const posts = await db.selectFrom("posts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const engine = url ? "PostgreSQL 15 (loopback)" : "embedded PGlite (in memory)";
  const load = os.loadavg()[0]!.toFixed(1);
  console.info(`\n${engine}, ${posts.n} posts, ${RUNS} runs each after 20 warm-up, load average ${load}\n`);
  console.table(results.map((r) => ({ what: r.label, "p50 ms": r.p50.toFixed(2), "p95 ms": r.p95.toFixed(2), "p99 ms": r.p99.toFixed(2) })));
  const lines = [
    `### Forum reads: ${utcMinute()} UTC, ${engine}`,
    `Machine: ${machine()}; load average ${load} during the run. ${posts.n} posts. Command: \`${url ? "BENCH_DATABASE_URL=… " : ""}npm run bench:forum\`. In-process loader data time (no HTTP).`,
    "",
    ...markdownTable(["what", "p50 ms", "p95 ms", "p99 ms"], results.map((r) => [r.label, r.p50.toFixed(2), r.p95.toFixed(2), r.p99.toFixed(2)])),
  ];
  appendToBenchmarks(lines);
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
