/**
 * Thread page throughput with 1 and with 2 app processes (WEB_CONCURRENCY) on one PostgreSQL,
 * over HTTP with autocannon: the real server from the production build, for a signed-out
 * visitor (requests) and for members (page views: the audience's document and the member's own
 * parts, decision 044). Uses the HTTP benchmarks' thread of 200 replies (made on first use).
 * Prints a table and appends it to docs/benchmarks.md.
 *
 *   npm run build && BENCH_DATABASE_URL=postgres://…/pc_bench_http npm run bench:cluster
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=50 …   (defaults: 20 s, 50 connections, 5 s warm-up)
 */
import fs from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { openDatabase } from "../db/client";
import { prepareForumFixture } from "./support/forum-fixture";
import { startAppServer } from "./support/app-server";
import { pageViews } from "./support/page-views";

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  process.stderr.write("Set BENCH_DATABASE_URL to a PostgreSQL database (several processes need PostgreSQL).\n");
  process.exit(1);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const port = Number(process.env.BENCH_PORT ?? 3290);

const database = await openDatabase({ url });
const fixture = await prepareForumFixture(database.db, { writers: 400 });
await database.close();

async function measure(target: string, cookies: readonly string[]) {
  let next = 0;
  const setupClient = cookies.length ? (client: { setHeaders(h: Record<string, string>): void }) => client.setHeaders({ cookie: cookies[next++ % cookies.length]! }) : undefined;
  await autocannon({ url: target, connections, duration: 5, setupClient });
  next = 0;
  return autocannon({ url: target, connections, duration: seconds, setupClient });
}

const rows: string[] = [];
const rates: Record<string, number[]> = { "signed out": [], member: [] };
for (const processes of [1, 2]) {
  const server = await startAppServer({ databaseUrl: url, port, processes });
  try {
    await server.settle();
    server.resetPeak();
    const visitor = await measure(`${server.origin}/t/${fixture.readThreadId}`, []);
    rates["signed out"]!.push(visitor.requests.average);
    rows.push(`| ${processes} | signed out (requests) | ${visitor.requests.average.toFixed(0)} | ${visitor.latency.p50} | ${visitor.latency.p99} | ${visitor.non2xx + visitor.errors + visitor.timeouts} | ${server.peakRssMiB().toFixed(0)} MiB |`);
    await server.settle();
    server.resetPeak();
    // A member's view is the audience's document and their own parts of it (decisions 043, 044).
    const views = await pageViews({ origin: server.origin, path: `/t/${fixture.readThreadId}`, cookies: fixture.cookies.slice(1, 1 + connections), connections, seconds });
    rates.member!.push(views.viewsPerSecond);
    rows.push(`| ${processes} | member (page views) | ${views.viewsPerSecond.toFixed(0)} | ${views.p50} | ${views.p99} | ${views.failed} | ${server.peakRssMiB().toFixed(0)} MiB |`);
  } finally {
    await server.stop();
  }
}
const ratio = (who: string) => (rates[who]![1]! / rates[who]![0]!).toFixed(2);
const lines = [
  "",
  `### Thread page with 1 and 2 processes: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, PostgreSQL (loopback)`,
  `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; load average at the end ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}. First page of a 200-reply thread, ${connections} connections (members: one per connection), ${seconds} s after a 5 s warm-up (autocannon in the bench process, sharing the 2 cores). Command: \`npm run build && BENCH_DATABASE_URL=… npm run bench:cluster\`. Target: 2 processes ≥ 1.6 × one.`,
  "",
  "| processes | visitor | per second | p50 ms | p99 ms | failed | peak RSS (all processes) |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...rows,
  "",
  `2 processes ÷ 1: signed out ${ratio("signed out")}×, member ${ratio("member")}×.`,
];
process.stdout.write(`${lines.join("\n")}\n`);
if (!process.env.BENCH_NO_RECORD) fs.appendFileSync(new URL("../docs/benchmarks.md", import.meta.url), `${lines.join("\n")}\n`);
