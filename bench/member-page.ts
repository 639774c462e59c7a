/**
 * What one signed-in thread page view costs, apart from how busy the machine is: views/s and
 * latency (which stretch with other people's load), and per request the server's CPU time,
 * PostgreSQL's CPU time and the statements it ran (which stretch much less). Uses the HTTP
 * benchmark's fixture and server; each connection signs in as a different member, or all as
 * the thread's author (thousands of notifications) with BENCH_AS=author. A view is the document
 * and then the page's data as the member, as a browser personalizes a page rendered for its
 * audience (decision 043); with BENCH_PATH, each request is that one URL instead.
 *
 *   npm run build && BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/pc_bench_http npm run bench:member-page
 *   BENCH_SECONDS=15 BENCH_CONNECTIONS=50 BENCH_AS=members|author BENCH_PATH=/t/<id>.data …
 *   BENCH_CPU_PROF=/tmp/prof   writes the server's CPU profile (node --cpu-prof) there
 */
import fs from "node:fs";
import autocannon from "autocannon";
import { sql } from "kysely";
import { openDatabase } from "../db/client";
import { prepareForumFixture } from "./support/forum-fixture";
import { startAppServer } from "./support/app-server";
import { cpuStart, loadNow } from "./cpu";
import { pageViews } from "./support/page-views";

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  process.stderr.write("Set BENCH_DATABASE_URL to a PostgreSQL database the benchmark may fill.\n");
  process.exit(1);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const port = Number(process.env.BENCH_PORT ?? 3295);
const asAuthor = process.env.BENCH_AS === "author";

const database = await openDatabase({ url });
const fixture = await prepareForumFixture(database.db, { writers: 400 });
const cookies = asAuthor ? [fixture.cookies[0]!] : fixture.cookies.slice(1, 1 + connections);
const profileDir = process.env.BENCH_CPU_PROF;
const server = await startAppServer({ databaseUrl: url, port, nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [] });
const onePath = process.env.BENCH_PATH;
const target = `${server.origin}${onePath ?? `/t/${fixture.readThreadId}`}`;

/** CPU ticks (1/100 s) the server process has used so far. */
function serverTicks() {
  const stat = fs.readFileSync(`/proc/${server.child.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}
const transactions = async () =>
  Number((await sql<{ n: string }>`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`.execute(database.db)).rows[0]!.n);

/**
 * Requests (or views) per second, and latency, over `duration` seconds, with no warm-up of its
 * own: the CPU and statements sampled around the measured run must be that run's alone.
 */
async function run(duration: number) {
  if (!onePath) {
    const views = await pageViews({ origin: server.origin, path: `/t/${fixture.readThreadId}`, cookies, connections, seconds: duration, warmUpSeconds: 0 });
    return { perSecond: views.viewsPerSecond, p50: views.p50, p99: views.p99, failed: views.failed };
  }
  let next = 0;
  const r = await autocannon({ url: target, connections, duration, setupClient: (client) => client.setHeaders({ cookie: cookies[next++ % cookies.length]! }) });
  return { perSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors };
}

try {
  const check = await fetch(target, { headers: { cookie: cookies[0]! } });
  // Data and the reader's parts name no menu; only a document can show that it answered signed in.
  const signedIn = target.includes(".data") || target.includes("/api/") || (await check.text()).includes("Log out");
  if (!check.ok || !signedIn) throw new Error(`the page did not answer signed in (${check.status})`);
  await run(5);
  await server.settle();
  // pg_stat_database is updated when a backend reports, at most every second or so.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const [ticks0, xacts0, cpu] = [serverTicks(), await transactions(), await cpuStart(database.db)];
  const r = await run(seconds);
  const sample = await cpu();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  // Less this script's own statements (two per sample); the dispatcher and jobs add a little.
  const statements = (await transactions()) - xacts0 - 4;
  const requests = r.perSecond * seconds;
  const unit = onePath ? "request" : "page view";
  const nodeMs = ((serverTicks() - ticks0) * 10) / requests;
  const pgMs = sample.pgMs === null ? "n/a" : (sample.pgMs / requests).toFixed(2);
  process.stdout.write(
    `${asAuthor ? "author on every connection" : `${cookies.length} members, one per connection`}: ${r.perSecond.toFixed(0)} ${unit}s/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
      `${r.failed} failed; per ${unit}: server CPU ${nodeMs.toFixed(2)} ms, PostgreSQL CPU ${pgMs} ms, ` +
      `${(statements / requests).toFixed(1)} statements; peak RSS ${server.peakRssMiB().toFixed(0)} MiB; load ${loadNow()}\n`,
  );
} finally {
  await server.stop();
  await database.close();
}
