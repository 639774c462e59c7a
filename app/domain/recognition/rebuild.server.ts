import { sql, type ExpressionBuilder, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { DispatchedEvent } from "../events/catalogue";
import { DISPATCH_LOCK_ID } from "../events/outbox.server";
import { applyEvents } from "./engine.server";
import { recognitionEventTypes } from "./evaluate";
import { MemoryReplay } from "./replay.server";

/**
 * Rebuilds every recognition projection from the outbox: replays each dispatched event in the
 * dispatcher's order into copies of the tables (schema recognition_rebuild), then, holding the
 * dispatcher's lock, replays what was dispatched meanwhile and swaps the copies in. Readers see
 * the old state until the swap commits, then the new one. See decision 011.
 *
 * Speed (decision 018): the bulk runs with the engine's state in memory (MemoryReplay) and the
 * copies' secondary indexes dropped, which are built once afterwards (a sorted build beats a
 * million index insertions); the catch-up under the lock runs the ordinary engine.
 */
export const projectionTables = [
  "recognition_ledger",
  "recognition_profiles",
  "recognition_user_points",
  "recognition_org_points",
  "recognition_badge_grants",
  "recognition_level_changes",
  "recognition_counters",
  "recognition_daily",
  "recognition_reactions",
  "recognition_threads",
  "recognition_processed",
] as const;

const REBUILD_SCHEMA = "recognition_rebuild";
const RETIRED_SCHEMA = "recognition_retired";

export interface RebuildOptions {
  batchSize?: number;
  /** Called after each batch with events replayed so far and the total expected. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Also replay committed events not dispatched yet (the demo seed: no dispatcher ran). The
   * dispatcher later finds them already applied and the engine skips them: no announcements.
   */
  pending?: boolean;
  /**
   * From this many events on, the copies' secondary indexes are dropped for the bulk and built
   * afterwards (then analyzed). Below it the DDL costs more than it saves. Default 50,000.
   */
  deferIndexesFrom?: number;
}

export interface RebuildResult {
  events: number;
  ledgerRows: number;
  seconds: number;
}

type Cursor = { txid: string; id: number } | null;

export async function rebuildRecognition(db: Kysely<DB>, options: RebuildOptions = {}): Promise<RebuildResult> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 10_000;
  const types = [...recognitionEventTypes];
  const { rows: schemaRow } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const live = schemaRow[0]!.schema;
  const pending = options.pending ?? false;
  const total = Number(
    (
      await db
        .selectFrom("outbox_events")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where(replayable(pending))
        .where("type", "in", types)
        .executeTakeFirstOrThrow()
    ).n,
  );

  const deferredIndexes = await db.transaction().execute(async (trx) => {
    await sql`drop schema if exists ${sql.id(REBUILD_SCHEMA)} cascade`.execute(trx);
    await sql`create schema ${sql.id(REBUILD_SCHEMA)}`.execute(trx);
    for (const table of projectionTables) {
      await sql`create table ${sql.id(REBUILD_SCHEMA, table)} (like ${sql.id(live, table)} including all)`.execute(trx);
    }
    // Storage settings (the aggregates' autovacuum thresholds) are not copied by LIKE.
    const { rows: settings } = await sql<{ table: string; options: string }>`
      select c.relname as table, array_to_string(c.reloptions, ', ') as options
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${live} and c.relkind = 'r' and c.reloptions is not null and c.relname = any(${[...projectionTables]}::text[])`.execute(trx);
    for (const row of settings) await sql`alter table ${sql.id(REBUILD_SCHEMA, row.table)} set (${sql.raw(row.options)})`.execute(trx);
    if (total < (options.deferIndexesFrom ?? 50_000)) return [];
    // Indexes that back no constraint (primary keys stay: the flush's upserts need them).
    const { rows } = await sql<{ name: string; def: string }>`
      select i.relname as name, pg_get_indexdef(i.oid) as def
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = i.relnamespace
      where n.nspname = ${REBUILD_SCHEMA} and not exists (select 1 from pg_constraint c where c.conindid = i.oid)
      order by i.relname`.execute(trx);
    for (const row of rows) await sql`drop index ${sql.id(REBUILD_SCHEMA, row.name)}`.execute(trx);
    return rows.map((row) => row.def);
  });

  let cursor: Cursor = null;
  let done = 0;
  let ledgerRows = 0;
  const progress = (events: DispatchedEvent[]) => {
    const last = events.at(-1)!;
    cursor = { txid: last.txid, id: last.id };
    done += events.length;
    options.onProgress?.(done, Math.max(total, done));
  };
  const intoCopies = (trx: Transaction<DB>) => sql`select set_config('search_path', ${`${REBUILD_SCHEMA}, ${live}`}, true)`.execute(trx);

  // Phase 1: the bulk, in memory, while the dispatcher carries on.
  const memory = new MemoryReplay();
  while (
    await db.transaction().execute(async (trx) => {
      const events = await nextEvents(trx, cursor, types, batchSize, pending);
      if (events.length === 0) return false;
      await intoCopies(trx);
      await memory.apply(trx, events);
      progress(events);
      return true;
    })
  );
  ledgerRows += memory.ledgerRows;
  await db.transaction().execute(async (trx) => {
    await intoCopies(trx);
    await memory.flush(trx);
    if (deferredIndexes.length === 0) return;
    await sql`select set_config('maintenance_work_mem', '256MB', true)`.execute(trx);
    for (const def of deferredIndexes) await sql.raw(def).execute(trx);
    // Fresh statistics, so that the catch-up and the first readers after the swap plan well.
    for (const table of projectionTables) await sql`analyze ${sql.id(REBUILD_SCHEMA, table)}`.execute(trx);
  });

  const replayBatch = async (trx: Transaction<DB>) => {
    const events = await nextEvents(trx, cursor, types, batchSize, pending);
    if (events.length === 0) return false;
    await intoCopies(trx);
    const effects = await applyEvents(trx, events, { live: false });
    await sql`select set_config('search_path', ${live}, true)`.execute(trx);
    ledgerRows += effects.ledger.length;
    progress(events);
    return true;
  };

  // Phase 2: dispatch paused by its own lock; catch up and swap in one transaction.
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(DISPATCH_LOCK_ID)})`.execute(trx);
    while (await replayBatch(trx));
    await sql`drop schema if exists ${sql.id(RETIRED_SCHEMA)} cascade`.execute(trx);
    await sql`create schema ${sql.id(RETIRED_SCHEMA)}`.execute(trx);
    for (const table of projectionTables) {
      await sql`alter table ${sql.id(live, table)} set schema ${sql.id(RETIRED_SCHEMA)}`.execute(trx);
      await sql`alter table ${sql.id(REBUILD_SCHEMA, table)} set schema ${sql.id(live)}`.execute(trx);
    }
    await sql`drop schema ${sql.id(RETIRED_SCHEMA)} cascade`.execute(trx);
    // The copies' extended statistics (LIKE ... INCLUDING ALL) were created in the rebuild
    // schema and do not follow their tables; dropping that schema would drop them.
    const { rows: statistics } = await sql<{ name: string }>`
      select s.stxname as name from pg_statistic_ext s join pg_namespace n on n.oid = s.stxnamespace
      where n.nspname = ${REBUILD_SCHEMA}`.execute(trx);
    for (const row of statistics) await sql`alter statistics ${sql.id(REBUILD_SCHEMA, row.name)} set schema ${sql.id(live)}`.execute(trx);
    await sql`drop schema ${sql.id(REBUILD_SCHEMA)} cascade`.execute(trx);
  });
  // Marks the fresh aggregates' pages all-visible, so that leaderboard pages read them by
  // index-only scans from the start (without it, one heap fetch per row of a bucket until
  // autovacuum comes by: 45 ms instead of 11 ms for the all-time bucket at load 16).
  await sql`vacuum (analyze) recognition_user_points, recognition_org_points`.execute(db);
  return { events: done, ledgerRows, seconds: (Date.now() - started) / 1000 };
}

/** Dispatched events; with `pending`, also those the dispatcher may take next (committed, not dead). */
function replayable(pending: boolean) {
  return (eb: ExpressionBuilder<DB, "outbox_events">) =>
    pending
      ? eb.or([
          eb("dispatched_at", "is not", null),
          eb.and([eb("failed_at", "is", null), sql<boolean>`txid < pg_snapshot_xmin(pg_current_snapshot())`]),
        ])
      : eb("dispatched_at", "is not", null);
}

async function nextEvents(trx: Transaction<DB>, cursor: Cursor, types: string[], limit: number, pending: boolean): Promise<DispatchedEvent[]> {
  let query = trx
    .selectFrom("outbox_events")
    .select(["id", "txid", "type", "payload", "actor_id", "occurred_at"])
    .where(replayable(pending))
    .where("type", "in", types);
  if (cursor) query = query.where(sql<boolean>`(txid, id) > (${cursor.txid}::xid8, ${cursor.id}::bigint)`);
  const rows = await query.orderBy("txid").orderBy("id").limit(limit).execute();
  return rows.map(
    (row) =>
      ({
        id: Number(row.id),
        txid: row.txid,
        type: row.type,
        payload: row.payload,
        actorId: row.actor_id,
        occurredAt: row.occurred_at,
      }) as DispatchedEvent,
  );
}
