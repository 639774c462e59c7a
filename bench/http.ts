/**
 * The forum over HTTP against the real server (production build and settings, one process,
 * PostgreSQL): issue 10's benchmarks 1 (thread page, anonymous and member), 2 (its data route),
 * 3 (reply creation through the real action, sequential and 10 writers), 4 (fan-out to 1,000
 * sockets), 7 (peak server RSS during each) and 8 (a bare node:http server serving a page of
 * the same size, as the ceiling). Prints a table and appends it to docs/benchmarks.md.
 *
 *   npm run build && BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/pc_bench_http npm run bench:http
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=50 BENCH_SOCKETS=1000 …   (the defaults)
 *   BENCH_PHASES="thread page"   runs only the phases whose name contains this text (BENCH_ONLY is npm run bench's)
 *   BENCH_CPU_PROF=/tmp/prof     writes the server's CPU profile (node --cpu-prof) there, for the phases run
 *   BENCH_NO_RECORD=1            prints the table without appending it (for runs while profiling or tuning)
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { pageViews } from "./support/page-views";
import { openDatabase } from "../db/client";
import { prepareForumFixture } from "./support/forum-fixture";
import { startAppServer, type AppServer } from "./support/app-server";
import { measureReplies } from "./support/replies";
import { measureFanout } from "./support/fanout";

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  process.stderr.write("Set BENCH_DATABASE_URL to a PostgreSQL database the benchmark may fill (it is migrated and seeded when empty).\n");
  process.exit(1);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const sockets = Number(process.env.BENCH_SOCKETS ?? 1000);
const port = Number(process.env.BENCH_PORT ?? 3291);
const only = process.env.BENCH_PHASES ?? "";

interface Row {
  what: string;
  result: string;
  rss: string;
  target: string;
}
const rows: Row[] = [];
const mib = (n: number) => `${n.toFixed(0)} MiB`;

/** With `cookies`, each connection signs in as its own member (cookie i on connection i), as real readers do. */
async function load(target: string, headers: Record<string, string> = {}, cookies: string[] = []) {
  let next = 0;
  const setupClient = cookies.length ? (client: { setHeaders(h: Record<string, string>): void }) => client.setHeaders({ ...headers, cookie: cookies[next++ % cookies.length]! }) : undefined;
  await autocannon({ url: target, connections, duration: 5, headers, setupClient });
  next = 0;
  const r = await autocannon({ url: target, connections, duration: seconds, headers, setupClient });
  return { summary: `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${r.non2xx || r.errors || r.timeouts ? `, failed: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : ""}`, rps: r.requests.average };
}

/** The ceiling: node:http answering a prepared page of the same size, nothing else. */
async function ceiling(bytes: number) {
  const script = `const b=Buffer.alloc(${bytes},120);require("node:http").createServer((q,s)=>{s.writeHead(200,{"content-type":"text/html; charset=utf-8","content-length":b.length});s.end(b)}).listen(${port + 1},"127.0.0.1",()=>process.send("up"))`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise((resolve) => child.once("message", resolve));
  try {
    return await load(`http://127.0.0.1:${port + 1}/`);
  } finally {
    child.kill();
  }
}

async function phase(server: AppServer, what: string, target: string, run: () => Promise<string>) {
  if (!what.includes(only)) return;
  await server.settle();
  server.resetPeak();
  const result = await run();
  rows.push({ what, result, rss: mib(server.peakRssMiB()), target });
  process.stdout.write(`${what}: ${result}\n`);
}

const database = await openDatabase({ url });
const fixture = await prepareForumFixture(database.db, { writers: 400 });
const posts = await database.db.selectFrom("posts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
await database.close();

const profileDir = process.env.BENCH_CPU_PROF;
const server = await startAppServer({ databaseUrl: url, port, nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [] });
const page = `${server.origin}/t/${fixture.readThreadId}`;
// cookies[0] is the thread's author, with the most notifications: measured apart from the crowd.
const author = { cookie: fixture.cookies[0]! };
const members = fixture.cookies.slice(1, 1 + connections);
try {
  const pageBytes = Buffer.byteLength(await (await fetch(page)).text());
  const bare = only ? null : await ceiling(pageBytes);
  if (bare) rows.push({ what: `ceiling: bare node:http, a ${(pageBytes / 1024).toFixed(0)} KiB page`, result: bare.summary, rss: "", target: "" });
  await phase(server, "thread page, first page of 200 replies, anonymous", "≥ 450 req/s, p99 < 200 ms", async () => {
    const r = await load(page);
    return bare ? `${r.summary} (${((100 * r.rps) / bare.rps).toFixed(0)}% of the ceiling)` : r.summary;
  });
  // A member's view is the document (shared by their audience) and their own parts of it (decisions 043, 044).
  const views = (cookies: string[]) => pageViews({ origin: server.origin, path: `/t/${fixture.readThreadId}`, cookies, connections, seconds });
  await phase(server, `thread page, members (${members.length} members, one per connection)`, "≥ 250 views/s, p99 < 300 ms", async () => (await views(members)).summary);
  await phase(server, "thread page, the thread's author on every connection", "", async () => (await views([author.cookie])).summary);
  await phase(server, "thread page data route (single fetch), anonymous", "", async () => (await load(`${page}.data`)).summary);
  await phase(server, "thread page data route (single fetch), members", "", async () => (await load(`${page}.data`, {}, members)).summary);
  const reply = (writers: number) => measureReplies({ origin: server.origin, threadId: fixture.writeThreadId, cookies: fixture.cookies, writers, seconds: 10 });
  await phase(server, "reply creation, 1 writer (sequential)", "≥ 120/s", () => reply(1));
  await phase(server, "reply creation, 10 writers", "≥ 150/s", () => reply(10));
  await phase(server, `fan-out of a new reply to ${sockets} sockets in the thread's room`, "p99 < 150 ms", () =>
    measureFanout({ origin: server.origin, threadId: fixture.writeThreadId, cookies: fixture.cookies.slice(20), sockets, replies: 20 }),
  );
} finally {
  await server.stop();
}

const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const lines = [
  "",
  `### Forum over HTTP: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, PostgreSQL (loopback), one server process`,
  `Machine: ${machine}; load average at the end ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}. ${posts.n} posts. ${connections} connections, ${seconds} s after a 5 s warm-up (autocannon, in the bench process). Production settings (rate limits on). Command: \`npm run build && BENCH_DATABASE_URL=… npm run bench:http\`.`,
  "",
  "| what | result | peak server RSS | target |",
  "| --- | --- | --- | --- |",
  ...rows.map((r) => `| ${r.what} | ${r.result} | ${r.rss} | ${r.target} |`),
];
process.stdout.write(`${lines.join("\n")}\n`);
if (!process.env.BENCH_NO_RECORD) fs.appendFileSync(new URL("../docs/benchmarks.md", import.meta.url), `${lines.join("\n")}\n`);
