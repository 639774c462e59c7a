/**
 * Recognition engine benchmark on PostgreSQL, over the database `npm run bench:seed` made:
 *   1. rebuild: replay every event (about a million) into fresh tables and swap them in;
 *   2. leaderboard: top 50 for this week / month / all time from the aggregates, with region and
 *      community-sector filters, at a million ledger rows;
 *   3. live processing: new events through the real dispatcher (one handleBatch call per batch, as the
 *      app runs today) and through the engine's batch path (as the rebuild runs it, but live:
 *      notifications and toast events included).
 * Appends its figures to docs/benchmarks.md.
 *
 *   npm run bench:seed && npm run bench:recognition
 */
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { sql, type Kysely } from "kysely";
import { openDatabase } from "../db/client";
import type { DB } from "../db/schema";
import type { DispatchedEvent } from "../app/domain/events/catalogue";
import { applyEvents, recognitionSubscriber } from "../app/domain/recognition/engine.server";
import { rebuildRecognition } from "../app/domain/recognition/rebuild.server";
import { periodStart, type RecognitionPeriod } from "../app/domain/recognition/periods";
import { createDispatcher } from "../server/dispatcher";
import { benchDatabaseUrl, generateEvents, insertEvents, loadWorld } from "./seed";

const RUNS = 200;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The leaderboard query as a page would run it: top 50 people of a period, filtered, from the aggregates. */
function leaderboard(db: Kysely<DB>, period: RecognitionPeriod, at: Date, filters: { region?: string; communitySector?: boolean }) {
  let query = db
    .selectFrom("recognition_user_points as up")
    .innerJoin("users as u", "u.id", "up.user_id")
    .leftJoin("organizations as o", "o.id", "u.organization_id")
    .select(["up.user_id", "up.points", "u.display_name", "u.handle", "o.name as organization"])
    .where("up.period", "=", period)
    .where("up.period_start", "=", sql<Date>`${periodStart(period, at)}::date`)
    .where("u.is_vendor_staff", "=", false)
    .where((eb) => eb.or([eb("u.suspended_until", "is", null), eb("u.suspended_until", "<", at)]));
  if (filters.region) query = query.where("u.region", "=", filters.region);
  if (filters.communitySector) query = query.where("o.community_sector", "=", true);
  return query.orderBy("up.points", "desc").orderBy("up.user_id").limit(50).execute();
}

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return { label, p50: percentile(samples, 50), p95: percentile(samples, 95) };
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

async function main() {
  const database = await openDatabase({ url: benchDatabaseUrl(), poolSize: 4 });
  const { db } = database;
  const loadBefore = os.loadavg()[0]!.toFixed(1);
  const events = Number((await db.selectFrom("outbox_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  if (events === 0) throw new Error("No events: run npm run bench:seed first.");

  // 1. Rebuild.
  let lastShown = 0;
  const rebuild = await rebuildRecognition(db, {
    batchSize: 5000,
    onProgress: (done, total) => {
      if (done - lastShown >= 100_000 || done === total) {
        lastShown = done;
        process.stderr.write(`rebuild: ${done}/${total} events\n`);
      }
    },
  });
  const ledgerRows = Number((await db.selectFrom("recognition_ledger").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  await sql`analyze`.execute(db);

  // 2. Leaderboards, as of the latest event.
  const latest = (await db.selectFrom("outbox_events").select((eb) => eb.fn.max("occurred_at").as("at")).executeTakeFirstOrThrow()).at as Date;
  const boards = [
    await time("top 50 people, this week", () => leaderboard(db, "week", latest, {})),
    await time("top 50 people, this month, region EMEA", () => leaderboard(db, "month", latest, { region: "EMEA" })),
    await time("top 50 people, this year, community-sector organizations", () => leaderboard(db, "year", latest, { communitySector: true })),
    await time("top 50 people, all time, region APAC + community sector", () => leaderboard(db, "all", latest, { region: "APAC", communitySector: true })),
  ];

  // 3. Live processing of new events, after the history.
  const world = await loadWorld(db);
  const from = new Date(latest.getTime() + 60_000);
  const to = new Date(from.getTime() + 86_400_000);
  const dispatcherEvents = Number(process.env.BENCH_DISPATCHER_EVENTS ?? 5000);
  const batchEvents = Number(process.env.BENCH_BATCH_EVENTS ?? 50_000);
  await insertEvents(db, generateEvents(world, dispatcherEvents, { seed: 7, from, to, prefix: "d" }), { dispatched: false });
  const dispatcher = createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [recognitionSubscriber()], batchSize: 500 });
  let started = performance.now();
  let dispatched = 0;
  while ((await dispatcher.backlog()) > 0) {
    dispatched += await dispatcher.drain();
    // Stop at the synthetic events; the toast events the engine appended are not the measure.
    if (dispatched >= dispatcherEvents) break;
  }
  const dispatcherSeconds = (performance.now() - started) / 1000;
  await dispatcher.stop();
  await sql`update outbox_events set dispatched_at = now() where dispatched_at is null`.execute(db);

  await insertEvents(db, generateEvents(world, batchEvents, { seed: 8, from: to, to: new Date(to.getTime() + 86_400_000), prefix: "e" }), { dispatched: false });
  started = performance.now();
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
  const batchSeconds = (performance.now() - started) / 1000;
  const loadAfter = os.loadavg()[0]!.toFixed(1);

  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const { rows: version } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  const lines = [
    "",
    `### Recognition engine: ${when} UTC, PostgreSQL ${version[0]!.v} (loopback)`,
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${loadBefore} at the start, ${loadAfter} at the end (other engineers' jobs share the CPU). Command: \`npm run bench:seed && npm run bench:recognition\` (database \`pc_bench\` next to BENCH_DATABASE_URL).`,
    "",
    "| measure | result | target |",
    "| --- | --- | --- |",
    `| rebuild (\`recognition:rebuild\` code path, batches of 5000) | ${rebuild.events.toLocaleString("en")} events in ${rebuild.seconds.toFixed(1)} s = ${Math.round(rebuild.events / rebuild.seconds).toLocaleString("en")} events/s; ${ledgerRows.toLocaleString("en")} ledger rows | < 5 min for 1,000,000 |`,
    `| live, engine batch path (2000 events a transaction, notifications and toast events on) | ${batched.toLocaleString("en")} events in ${batchSeconds.toFixed(1)} s = ${Math.round(batched / batchSeconds).toLocaleString("en")} events/s | ≥ 5,000 events/s |`,
    `| live, through the dispatcher (one handleBatch call per batch of 500) | ${dispatched.toLocaleString("en")} events in ${dispatcherSeconds.toFixed(1)} s = ${Math.round(dispatched / dispatcherSeconds).toLocaleString("en")} events/s | (see note) |`,
    ...boards.map((b) => `| leaderboard: ${b.label} | p50 ${b.p50.toFixed(2)} ms, p95 ${b.p95.toFixed(2)} ms (${RUNS} runs) | < 10 ms |`),
    "",
  ];
  fs.appendFileSync(new URL("../docs/benchmarks.md", import.meta.url), `${lines.join("\n")}\n`);
  console.info(lines.join("\n"));
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
