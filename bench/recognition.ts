/**
 * Recognition engine benchmark on PostgreSQL, over the database `npm run bench:seed` made:
 *   rebuild:     replay every event (about a million) into fresh tables and swap them in;
 *   leaderboard: the leaderboard page's own queries (leaderboard.server.ts), this week / month /
 *                year / all time, with region and community-sector filters, at a million ledger rows;
 *   live:        new events through the real dispatcher (recognition subscriber, batches as the
 *                app runs them) and through the engine's batch path directly;
 *   toast:       action-to-toast latency: one event appended while a started dispatcher listens,
 *                until the toast event it produced has been dispatched (fanned out).
 * Each phase reports wall time, the load average, and the CPU time node and the PostgreSQL
 * backends used per 1,000 events (bench/cpu.ts), and appends a table to docs/benchmarks.md.
 *
 *   npm run bench:seed && npm run bench:recognition
 *   BENCH_PHASES=live,toast npm run bench:recognition      # some phases only (state from an earlier rebuild)
 *   BENCH_DATABASE_NAME=pc_bench_mine …                    # a data set of one's own (see bench/seed.ts)
 */
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { sql, type Kysely, type KyselyPlugin } from "kysely";
import { openDatabase } from "../db/client";
import type { DB } from "../db/schema";
import type { DispatchedEvent } from "../app/domain/events/catalogue";
import { appendEvent } from "../app/domain/events/outbox.server";
import type { Subscriber } from "../app/domain/events/subscriber.server";
import { applyEvents, recognitionSubscriber } from "../app/domain/recognition/engine.server";
import { rebuildRecognition } from "../app/domain/recognition/rebuild.server";
import { leaderboardFiltersSchema, leaderboardRegions, organizationLeaderboard, peopleLeaderboard } from "../app/domain/recognition/leaderboard.server";
import { createDispatcher } from "../server/dispatcher";
import { cpuStart, loadNow, perThousand, type CpuSample } from "./cpu";
import { BENCH_DATABASE, benchDatabaseUrl, generateEvents, insertEvents, loadWorld } from "./seed";

const RUNS = 200;
const phases = new Set((process.env.BENCH_PHASES ?? "rebuild,leaderboard,live,toast").split(","));
// The app's batch size (server/app.ts).
const dispatcherBatch = Number(process.env.BENCH_DISPATCHER_BATCH ?? 5000);

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
  return { label, p50: percentile(samples, 50), p95: percentile(samples, 95), load: loadNow() };
}

/** Counts statements (round trips) sent through a Kysely instance. */
function statementCounter() {
  const counter = { statements: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      counter.statements++;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { counter, plugin };
}

/**
 * Waits until every pending event is older than all running transactions of the cluster, so the
 * dispatcher may take them (server/dispatcher.ts). On a shared PostgreSQL another database's long
 * transaction holds them back; without this the clock would time that wait, not the dispatcher.
 */
async function waitUntilDispatchable(db: Kysely<DB>, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ ready: boolean }>`
      select coalesce(max(txid) < pg_snapshot_xmin(pg_current_snapshot()), true) as ready
      from outbox_events where dispatched_at is null`.execute(db);
    if (rows[0]?.ready || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function pendingEvents(db: Kysely<DB>, limit: number): Promise<DispatchedEvent[]> {
  const rows = await db
    .selectFrom("outbox_events")
    .select(["id", "txid", "type", "payload", "actor_id", "occurred_at"])
    .where("dispatched_at", "is", null)
    .where("type", "like", "forum.%")
    .orderBy("txid")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, txid: r.txid, type: r.type, payload: r.payload, actorId: r.actor_id, occurredAt: r.occurred_at }) as DispatchedEvent);
}

const rate = (events: number, ms: number) => `${Math.round((events * 1000) / ms).toLocaleString("en")} events/s`;
const row = (measure: string, events: number, cpu: CpuSample, target: string, extra = "") =>
  `| ${measure} | ${events.toLocaleString("en")} events in ${(cpu.wallMs / 1000).toFixed(1)} s = ${rate(events, cpu.wallMs)}${extra} | ${perThousand(cpu, events)} | ${cpu.load} | ${target} |`;

async function main() {
  const database = await openDatabase({ url: benchDatabaseUrl(), poolSize: 4 });
  const { db } = database;
  const lines: string[] = [];
  const notes: string[] = [];
  const loadBefore = loadNow();
  const events = Number((await db.selectFrom("outbox_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  if (events === 0) throw new Error("No events: run npm run bench:seed first.");

  if (phases.has("rebuild")) {
    let lastShown = 0;
    const cpu = await cpuStart(db);
    const rebuild = await rebuildRecognition(db, {
      onProgress: (done, total) => {
        if (done - lastShown >= 100_000 || done === total) {
          lastShown = done;
          process.stderr.write(`rebuild: ${done}/${total} events, load ${loadNow()}\n`);
        }
      },
    });
    const used = await cpu();
    await sql`analyze`.execute(db);
    lines.push(row("rebuild (`recognition:rebuild` code path, default batches)", rebuild.events, used, "< 5 min for 1,000,000", `; ${rebuild.ledgerRows.toLocaleString("en")} ledger rows`));
  }

  const ledgerRows = Number((await db.selectFrom("recognition_ledger").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const latest = (await db.selectFrom("outbox_events").select((eb) => eb.fn.max("occurred_at").as("at")).where("type", "like", "forum.%").executeTakeFirstOrThrow()).at as Date;

  if (phases.has("leaderboard")) {
    const viewer = { id: "bench-user-000042" } as never;
    const filters = (input: Record<string, string>) => leaderboardFiltersSchema.parse(input);
    const boards = [
      await time("people, this week", () => peopleLeaderboard(db, viewer, filters({ period: "week" }), latest)),
      await time("people, this month, region EMEA", () => peopleLeaderboard(db, viewer, filters({ period: "month", region: "EMEA" }), latest)),
      await time("people, this year, community sector", () => peopleLeaderboard(db, viewer, filters({ period: "year", sector: "community" }), latest)),
      await time("people, all time", () => peopleLeaderboard(db, viewer, filters({ period: "all" }), latest)),
      await time("people, all time, region APAC + community sector", () => peopleLeaderboard(db, viewer, filters({ period: "all", region: "APAC", sector: "community" }), latest)),
      await time("people, all time, page 20", () => peopleLeaderboard(db, viewer, filters({ period: "all", page: "20" }), latest)),
      await time("organizations, all time, region EMEA + community sector", () => organizationLeaderboard(db, filters({ board: "organizations", period: "all", region: "EMEA", sector: "community" }), latest)),
      await time("organizations, this month", () => organizationLeaderboard(db, filters({ board: "organizations", period: "month" }), latest)),
      // Most viewers are far down the board: their rank counts nearly the whole bucket.
      await time("people, all time, a viewer far down the board", () => peopleLeaderboard(db, { id: "bench-user-004500" } as never, filters({ period: "all" }), latest)),
      await time("people, this year, community sector, a viewer far down the board", () => peopleLeaderboard(db, { id: "bench-user-004500" } as never, filters({ period: "year", sector: "community" }), latest)),
      await time("regions for the filter (read on every page load)", () => leaderboardRegions(db)),
    ];
    for (const b of boards) lines.push(`| leaderboard page (top 50 + the viewer's own rank): ${b.label} | p50 ${b.p50.toFixed(2)} ms, p95 ${b.p95.toFixed(2)} ms (${RUNS} runs) at ${ledgerRows.toLocaleString("en")} ledger rows | | ${b.load} | p95 < 10 ms |`);
  }

  if (phases.has("live")) {
    const world = await loadWorld(db);
    const from = new Date(latest.getTime() + 60_000);
    const to = new Date(from.getTime() + 86_400_000);
    const dispatcherEvents = Number(process.env.BENCH_DISPATCHER_EVENTS ?? 50_000);
    const batchEvents = Number(process.env.BENCH_BATCH_EVENTS ?? 50_000);
    await sql`update outbox_events set dispatched_at = now() where dispatched_at is null`.execute(db);
    await insertEvents(db, generateEvents(world, dispatcherEvents, { seed: 7, from, to, prefix: `d${Date.now().toString(36)}` }), { dispatched: false });
    await sql`analyze outbox_events`.execute(db);
    await waitUntilDispatchable(db);
    const { counter, plugin } = statementCounter();
    const counted = { ...database, db: db.withPlugin(plugin) };
    const dispatcher = createDispatcher({ database: counted, log: pino({ level: "silent" }), subscribers: [recognitionSubscriber()], batchSize: dispatcherBatch });
    let cpu = await cpuStart(db);
    let dispatched = 0;
    let batches = 0;
    let sourceDone: CpuSample | undefined;
    // Drains the synthetic events and the toast events the engine appends for them: all of it is
    // work the live system does. Source-event throughput is measured at the moment the last
    // synthetic event was dispatched, and again once the outbox is empty.
    for (;;) {
      const n = await dispatcher.drain();
      dispatched += n;
      batches += Math.ceil(n / dispatcherBatch);
      const left = Number((await db.selectFrom("outbox_events").select((eb) => eb.fn.countAll<number>().as("n")).where("dispatched_at", "is", null).where("type", "like", "forum.%").executeTakeFirstOrThrow()).n);
      if (left === 0 && !sourceDone) sourceDone = await cpu();
      if (n === 0 && (await dispatcher.backlog()) === 0) break;
    }
    const all = await cpu();
    await dispatcher.stop();
    const statementsPerBatch = (counter.statements / Math.max(1, batches)).toFixed(1);
    lines.push(row(`live, through the dispatcher (recognition subscriber, batches of ${dispatcherBatch}): synthetic events until the last is dispatched`, dispatcherEvents, sourceDone!, "≥ 5,000 events/s"));
    lines.push(row(`live, through the dispatcher: the same, until the toast events they produced are dispatched too (${dispatched.toLocaleString("en")} outbox events in all; ${statementsPerBatch} statements per batch)`, dispatcherEvents, all, "≥ 5,000 events/s"));

    await insertEvents(db, generateEvents(world, batchEvents, { seed: 8, from: to, to: new Date(to.getTime() + 86_400_000), prefix: `e${Date.now().toString(36)}` }), { dispatched: false });
    await waitUntilDispatchable(db);
    cpu = await cpuStart(db);
    let batched = 0;
    for (;;) {
      const batch = await pendingEvents(db, 2000);
      if (batch.length === 0) break;
      await db.transaction().execute(async (trx) => {
        await applyEvents(trx, batch, { live: true });
        await trx.updateTable("outbox_events").set({ dispatched_at: new Date() }).where("id", "in", batch.map((e) => e.id)).execute();
      });
      batched += batch.length;
    }
    lines.push(row("live, engine batch path directly (2000 events a transaction, notifications and toast events written)", batched, await cpu(), "≥ 5,000 events/s"));
    await sql`update outbox_events set dispatched_at = now() where dispatched_at is null`.execute(db);
  }

  if (phases.has("toast")) {
    const samples: number[] = [];
    let waiting: { userId: string; resolve: () => void } | undefined;
    const watcher: Subscriber = {
      name: "bench-toast",
      afterCommit(batch) {
        for (const event of batch) {
          if (event.type === "recognition.points_changed" && waiting && event.payload.userId === waiting.userId) waiting.resolve();
        }
      },
    };
    const dispatcher = createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [recognitionSubscriber(), watcher] });
    await dispatcher.start();
    const authors = (await loadWorld(db)).people.slice(100, 130);
    for (const [i, authorId] of authors.entries()) {
      const threadId = `toast-${Date.now().toString(36)}-${i}`;
      const seen = new Promise<void>((resolve) => (waiting = { userId: authorId, resolve }));
      const start = performance.now();
      await db.transaction().execute((trx) =>
        appendEvent(trx, { type: "forum.thread_created", actorId: authorId, payload: { threadId, postId: `${threadId}-p`, categoryId: 1, authorId } }),
      );
      await seen;
      samples.push(performance.now() - start);
    }
    await dispatcher.stop();
    lines.push(`| action to toast (commit of a thread_created until its points toast is fanned out; started dispatcher woken by NOTIFY; idle outbox) | p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms (${samples.length} runs) | | ${loadNow()} | < 1 s |`);
  }

  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const { rows: version } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  const text = [
    "",
    `### Recognition engine: ${when} UTC, PostgreSQL ${version[0]!.v} (loopback), database ${BENCH_DATABASE} (${events.toLocaleString("en")} outbox events at the start)`,
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average (1, 5, 15 min) ${loadBefore} at the start, ${loadNow()} at the end. Phases: ${[...phases].join(", ")}.`,
    "",
    "| measure | result | CPU time | load (1, 5, 15 min) at the end | target |",
    "| --- | --- | --- | --- | --- |",
    ...lines,
    ...notes,
    "",
  ].join("\n");
  if (process.env.BENCH_APPEND !== "0") fs.appendFileSync(new URL("../docs/benchmarks.md", import.meta.url), `${text}\n`);
  console.info(text);
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
