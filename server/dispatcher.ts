import { sql, type Transaction } from "kysely";
import type { Database } from "../db/client";
import type { DB, OutboxEventRow } from "../db/schema";
import { isEventType, type DispatchedEvent } from "../app/domain/events/catalogue";
import { DISPATCH_LOCK_ID, OUTBOX_CHANNEL } from "../app/domain/events/outbox.server";
import type { HandleResult, Subscriber } from "../app/domain/events/subscriber.server";
import type { Logger } from "./logger";

/**
 * Transactional-outbox dispatcher: feeds committed events to subscribers in (txid, id) order,
 * one dispatcher at a time across processes. See docs/decisions/003-outbox-order-and-dispatch.md.
 */

/** Any constant shared by every process: only the holder of this lock dispatches. */
const DISPATCH_LOCK = sql.lit(DISPATCH_LOCK_ID);
const FIRST_RECHECK_MS = 10;

export interface DispatcherOptions {
  database: Pick<Database, "db" | "listen">;
  log: Logger;
  subscribers: Subscriber[];
  batchSize?: number;
  pollIntervalMs?: number;
  /** Failed deliveries of one event before it is dead-lettered. */
  maxAttempts?: number;
  /** Wait before retrying a failed event: doubled on each attempt, up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface Dispatcher {
  /** Listens for NOTIFY and polls; resolves once listening (or polling only, if LISTEN failed). */
  start(): Promise<void>;
  /** Stops listening and polling; resolves once the batch in flight finished. */
  stop(): Promise<void>;
  /**
   * Dispatches until nothing is left but events in retry backoff (or paused); returns how many
   * were dispatched. Committed events held back behind an older running transaction (anywhere in
   * the cluster: the horizon is the server's xmin) are waited for, up to `heldBackWaitMs`.
   */
  drain(options?: DrainOptions): Promise<number>;
  /** Stops dispatching in this process; resolves once the batch in flight finished. */
  pause(): Promise<void>;
  resume(): void;
  /** Age in ms of the oldest event not yet dispatched (0 when there is none). */
  lagMs(): Promise<number>;
  /** Events not yet dispatched, dead letters excluded. */
  backlog(): Promise<number>;
}

export interface DrainOptions {
  /** How long to wait for committed events held back by an older running transaction (default 30 s). */
  heldBackWaitMs?: number;
}

/**
 * Committed events waiting behind a running older transaction, which may commit no event of its
 * own (so no NOTIFY): the loop then looks again soon rather than at the next poll.
 */
const heldBackEvents = sql<boolean>`exists (select 1 from outbox_events later where later.dispatched_at is null
  and later.failed_at is null and later.txid >= pg_snapshot_xmin(pg_current_snapshot()))`;

const HELD_BACK_WAIT_MS = 30_000;
const HELD_BACK_RECHECK_MAX_MS = 200;

/**
 * `lookAgain`: the batch moved on and may have left runnable events behind (it was full, stopped
 * before an event that failed before, or failed itself), so the next batch runs at once.
 * Otherwise the next look waits for a NOTIFY, the recheck of held-back events, or the poll: an
 * empty look after every batch cost five statements per reply.
 */
type BatchResult = { dispatched: number; lookAgain: boolean; heldBack: boolean };

type PendingRow = Pick<OutboxEventRow, "id" | "txid" | "type" | "payload" | "actor_id" | "occurred_at" | "attempts"> & {
  backing_off: boolean;
  held_back: boolean;
};

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { database, subscribers } = options;
  const { db } = database;
  const log = options.log.child({ component: "dispatcher" });
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const retryMaxMs = options.retryMaxMs ?? 30_000;

  let started = false;
  let paused = false;
  let looping = false;
  let wakeRequested = false;
  let timer: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  let recheckMs = FIRST_RECHECK_MS;
  let unlisten: (() => Promise<void>) | undefined;
  // After a batch failed as a whole: the next batch runs one event per call to find the culprit.
  let isolating = false;
  // Batches of this process run one after another, whoever asks (loop or drain()).
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run);
    tail = result.catch(() => {});
    return result;
  };

  async function runBatch(): Promise<BatchResult> {
    let failing: { row: PendingRow; subscriber: string } | undefined;
    let batchFailing = false;
    let outcome: { events: DispatchedEvent[]; announced: DispatchedEvent[]; lookAgain: boolean; heldBack: boolean };
    const wasIsolating = isolating;
    try {
      // Read committed on purpose: each statement takes a fresh snapshot, so the select below
      // starts after the lock is held and sees everything the previous holder committed.
      outcome = await db
        .transaction()
        .setIsolationLevel("read committed")
        .execute(async (trx) => {
          const { rows: lock } = await sql<{ locked: boolean }>`
            select pg_try_advisory_xact_lock(${DISPATCH_LOCK}) as locked`.execute(trx);
          if (!lock[0]?.locked) return { events: [], announced: [], lookAgain: false, heldBack: false };
          const rows = await selectPending(trx);
          if (rows.length === 0) return { events: [], announced: [], lookAgain: false, heldBack: await anyHeldBack(trx) };
          const heldBack = rows[0]!.held_back;
          const batch = runnable(rows);
          const lookAgain = batch.length > 0 && (rows.length === batchSize || batch.length < rows.length);
          const events: DispatchedEvent[] = [];
          // Events subscribers appended already dispatched: for afterCommit only (see Subscriber).
          const announced: DispatchedEvent[] = [];
          const collect = (result: void | HandleResult) => {
            if (result?.announced) announced.push(...result.announced);
          };
          for (const row of batch) {
            failing = { row, subscriber: "dispatcher" };
            events.push(toEvent(row));
          }
          if (isolating || events.length === 1 || !subscribers.some((subscriber) => subscriber.handleBatch)) {
            // One event at a time through every subscriber: a failure names its event.
            for (const [i, event] of events.entries()) {
              for (const subscriber of subscribers) {
                failing = { row: batch[i]!, subscriber: subscriber.name };
                if (subscriber.handleBatch) collect(await subscriber.handleBatch(trx, [event]));
                else collect(await subscriber.handle?.(trx, event));
              }
            }
          } else {
            // Each subscriber takes the whole batch in order (handleBatch: one call, bulk SQL).
            // A handleBatch failure cannot be pinned on one event: the batch then runs again
            // one event at a time (above) to find it.
            for (const subscriber of subscribers) {
              if (subscriber.handleBatch) {
                batchFailing = true;
                collect(await subscriber.handleBatch(trx, events));
                batchFailing = false;
                continue;
              }
              for (const [i, event] of events.entries()) {
                failing = { row: batch[i]!, subscriber: subscriber.name };
                collect(await subscriber.handle?.(trx, event));
              }
            }
          }
          failing = undefined;
          if (events.length > 0) {
            await trx
              .updateTable("outbox_events")
              .set({ dispatched_at: sql`now()` })
              // One bound array, not a parameter per event: cheaper to encode and plan for large batches.
              .where(sql<boolean>`id = any(${events.map((event) => event.id)}::bigint[])`)
              .execute();
          }
          return { events, announced, lookAgain, heldBack };
        });
    } catch (error) {
      if (batchFailing) {
        isolating = true;
        log.warn({ err: error }, "batch failed; running it again one event at a time to find the failing event");
        return { dispatched: 0, lookAgain: true, heldBack: false };
      }
      // Not attributable to an event (connection lost, commit failed): the next tick retries.
      if (!failing) throw error;
      isolating = false;
      await recordFailure(failing.row, failing.subscriber, error);
      return { dispatched: 0, lookAgain: true, heldBack: false };
    }
    if (wasIsolating && outcome.events.length > 0) isolating = false;
    await afterCommit(outcome.announced.length > 0 ? [...outcome.events, ...outcome.announced] : outcome.events);
    const dispatched = outcome.events.length;
    return { dispatched, lookAgain: outcome.lookAgain, heldBack: outcome.heldBack };
  }

  // When no event was ready: is any still waiting? This statement takes a newer snapshot than
  // the select that found none, and the transaction holding them back may have ended in
  // between, so the horizon test alone would answer "nothing held back" for events that have
  // just become ready and are in no batch yet. Any event not yet dispatched means look again.
  async function anyHeldBack(trx: Transaction<DB>) {
    const { rows } = await sql<{ held_back: boolean }>`select exists (select 1 from outbox_events
      where dispatched_at is null and failed_at is null) as held_back`.execute(trx);
    return rows[0]?.held_back ?? false;
  }

  // Only events whose transaction is older than every running one: nothing can commit
  // before them any more, so (txid, id) is final. The xmin and the rows come from one snapshot,
  // which also tells whether events wait behind the horizon (held_back, the same on every row:
  // PostgreSQL evaluates it once), so a batch that got rows needs no second look.
  function selectPending(trx: Transaction<DB>): Promise<PendingRow[]> {
    return trx
      .selectFrom("outbox_events")
      .select(["id", "txid", "type", "payload", "actor_id", "occurred_at", "attempts"])
      .select(sql<boolean>`coalesce(retry_at > now(), false)`.as("backing_off"))
      .select(heldBackEvents.as("held_back"))
      .where("dispatched_at", "is", null)
      .where("failed_at", "is", null)
      .where(sql<boolean>`txid < pg_snapshot_xmin(pg_current_snapshot())`)
      .orderBy("txid")
      .orderBy("id")
      .limit(batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
  }

  // Strict order: an event waiting for its retry holds back the ones after it. An event that
  // failed before runs alone, so that it cannot roll back the events around it again.
  function runnable(rows: PendingRow[]): PendingRow[] {
    const [head] = rows;
    if (!head || head.backing_off) return [];
    if (head.attempts > 0) return [head];
    const suspect = rows.findIndex((row) => row.attempts > 0);
    return suspect === -1 ? rows : rows.slice(0, suspect);
  }

  async function recordFailure(row: PendingRow, subscriber: string, error: unknown) {
    const message = `${subscriber}: ${error instanceof Error ? error.message : String(error)}`;
    const updated = await db.transaction().execute(async (trx) => {
      // Under the dispatch lock: a dispatcher must never find this row locked and skip it.
      await sql`select pg_advisory_xact_lock(${DISPATCH_LOCK})`.execute(trx);
      return trx
        .updateTable("outbox_events")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          last_error: message,
          retry_at: sql`now() + least(${retryBaseMs}::float8 * power(2, attempts), ${retryMaxMs}::float8)
            * interval '1 millisecond'`,
          failed_at: sql`case when attempts + 1 >= ${maxAttempts}::int then now() end`,
        }))
        .where("id", "=", row.id)
        .where("dispatched_at", "is", null)
        .returning(["attempts", "failed_at"])
        .executeTakeFirst();
    });
    const context = { eventId: row.id, eventType: row.type, subscriber, attempts: updated?.attempts, err: error };
    if (updated?.failed_at) log.error(context, "event dead-lettered after its last attempt; moving on");
    else log.warn(context, "subscriber failed; the batch rolled back and the event will be retried");
  }

  async function afterCommit(events: DispatchedEvent[]) {
    if (events.length === 0) return;
    for (const subscriber of subscribers) {
      if (!subscriber.afterCommit) continue;
      try {
        await subscriber.afterCommit(events);
      } catch (error) {
        const eventIds = events.map((event) => event.id);
        log.error({ subscriber: subscriber.name, eventIds, err: error }, "afterCommit failed; not retried");
      }
    }
  }

  async function drain({ heldBackWaitMs = HELD_BACK_WAIT_MS }: DrainOptions = {}) {
    const deadline = Date.now() + heldBackWaitMs;
    let recheckAfterMs = FIRST_RECHECK_MS;
    let total = 0;
    while (!paused) {
      const result = await exclusive(runBatch);
      total += result.dispatched;
      if (result.lookAgain) {
        recheckAfterMs = FIRST_RECHECK_MS;
        continue;
      }
      // Stopping here would report "drained" while committed events wait only for some other
      // transaction (often in another database of the same server) to end.
      if (!result.heldBack || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(recheckAfterMs, deadline - Date.now())));
      recheckAfterMs = Math.min(recheckAfterMs * 2, HELD_BACK_RECHECK_MAX_MS);
    }
    return total;
  }

  // Coalesces wake-ups: one loop at a time, and a NOTIFY during a batch buys one more pass.
  function wake() {
    wakeRequested = true;
    if (looping || !started || paused) return;
    looping = true;
    void loop().then(
      () => {
        looping = false;
        if (wakeRequested) wake();
      },
      (error: unknown) => {
        // No immediate retry (that would spin while the database is away): the poll retries.
        looping = false;
        log.error({ err: error }, "dispatch batch failed; retrying on the next poll");
      },
    );
  }

  async function loop() {
    while (wakeRequested && started && !paused) {
      wakeRequested = false;
      let result: BatchResult;
      do result = await exclusive(runBatch);
      while (result.lookAgain && started && !paused);
      if (result.heldBack) lookAgainSoon();
      else recheckMs = FIRST_RECHECK_MS;
    }
  }

  function lookAgainSoon() {
    if (recheck) return;
    recheck = setTimeout(() => {
      recheck = undefined;
      wake();
    }, recheckMs);
    recheckMs = Math.min(recheckMs * 2, pollIntervalMs);
  }

  return {
    async start() {
      if (started) return;
      started = true;
      timer = setInterval(wake, pollIntervalMs);
      try {
        const stopListening = await database.listen(OUTBOX_CHANNEL, wake);
        if (started) unlisten = stopListening;
        else await stopListening();
      } catch (error) {
        log.warn({ err: error }, "cannot LISTEN for outbox events; polling only");
      }
      wake();
    },
    async stop() {
      started = false;
      clearInterval(timer);
      clearTimeout(recheck);
      recheck = undefined;
      await unlisten?.();
      unlisten = undefined;
      await tail;
    },
    drain,
    async pause() {
      paused = true;
      await tail;
    },
    resume() {
      paused = false;
      wake();
    },
    async lagMs() {
      const row = await db
        .selectFrom("outbox_events")
        .select(sql<number>`coalesce(extract(epoch from now() - min(occurred_at)) * 1000, 0)::float8`.as("lag"))
        .where("dispatched_at", "is", null)
        .where("failed_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.lag);
    },
    async backlog() {
      const row = await db
        .selectFrom("outbox_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("dispatched_at", "is", null)
        .where("failed_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

function toEvent(row: PendingRow): DispatchedEvent {
  if (!isEventType(row.type)) throw new Error(`unknown event type ${row.type}`);
  return {
    id: row.id,
    txid: row.txid,
    occurredAt: row.occurred_at,
    type: row.type,
    payload: row.payload,
    actorId: row.actor_id,
  } as DispatchedEvent;
}
