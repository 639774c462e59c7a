/**
 * Thread page throughput with 1 and with 2 app processes (WEB_CONCURRENCY) on one PostgreSQL,
 * over HTTP with autocannon: the real server from the production build, as an anonymous visitor.
 * Needs BENCH_DATABASE_URL pointing at a database with forum data (the demo data or bench:seed);
 * it benchmarks the thread with the most replies. Prints a table; does not touch the database.
 *
 *   npm run build && BENCH_DATABASE_URL=postgres://…/pc_bench npm run bench:cluster
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=50 …   (defaults: 20 s, 50 connections, 5 s warm-up)
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  process.stderr.write("Set BENCH_DATABASE_URL to a PostgreSQL database with forum data (several processes need PostgreSQL).\n");
  process.exit(1);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const port = Number(process.env.BENCH_PORT ?? 3290);
const origin = `http://127.0.0.1:${port}`;

async function busiestThread() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "select t.id from threads t join categories c on c.id = t.category_id where c.visibility = 'public' and t.hidden_at is null and t.deleted_at is null order by t.reply_count desc limit 1",
    );
    if (!rows[0]) throw new Error("no public thread in BENCH_DATABASE_URL: load the demo data or run bench:seed first");
    return rows[0].id;
  } finally {
    await client.end();
  }
}

async function start(processes: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: origin, LOG_LEVEL: "warn", WEB_CONCURRENCY: String(processes) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 300_000;
  // The health check does not say which process answered: wait for a run of successes.
  let ok = 0;
  while (ok < 5 * processes) {
    if (Date.now() > deadline) throw new Error("the server did not start");
    ok = (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) ? ok + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return child;
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

const run = (target: string, duration: number) => autocannon({ url: target, connections, duration });

const threadId = await busiestThread();
const target = `${origin}/t/${threadId}`;
const rows: string[] = [];
for (const processes of [1, 2]) {
  const server = await start(processes);
  try {
    await run(target, 5);
    const result = await run(target, seconds);
    rows.push(`| ${processes} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} |`);
  } finally {
    await stop(server);
  }
}
process.stdout.write(
  [
    `Thread page /t/${threadId} as an anonymous visitor, ${connections} connections, ${seconds} s after a 5 s warm-up; ${os.cpus().length} cores, load ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}.`,
    "| processes | requests/s | p50 ms | p99 ms | non-2xx |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n"),
);
