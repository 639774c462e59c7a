import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import { PGliteDialect } from "../../db/pglite-dialect";
import type { DB } from "../../db/schema";
import { appendEvent } from "../../app/domain/events/outbox.server";
import type { DispatchedEvent, Subscriber } from "../../app/domain/events/subscriber.server";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "../../server/dispatcher";
import { createTestDatabase, usingPostgres } from "../support/database";

let database: Database & { url?: string };
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await createEffectsTable(database.db);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.db.deleteFrom("outbox_events").execute();
  await sql`truncate test_effects`.execute(database.db);
});

// A subscriber's database effect, written in the dispatch transaction; seq gives commit order.
async function createEffectsTable(db: Kysely<DB>) {
  await sql`create table test_effects (
    seq bigint generated always as identity primary key,
    event_id bigint not null,
    dispatcher text not null
  )`.execute(db);
}

function captureLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

function dispatcherFor(options: Partial<DispatcherOptions> & Pick<DispatcherOptions, "subscribers">): Dispatcher {
  const dispatcher = createDispatcher({ database, log: captureLog().log, ...options });
  cleanups.push(() => dispatcher.stop());
  return dispatcher;
}

/** Records what reaches it; `fail` decides, per call, whether handle throws after its effect. */
function recorder(name = "recorder", fail: (event: DispatchedEvent, call: number) => boolean = () => false) {
  const handled: number[] = [];
  const afterCommit: number[][] = [];
  const subscriber: Subscriber = {
    name,
    async handle(trx, event) {
      handled.push(event.id);
      await sql`insert into test_effects (event_id, dispatcher) values (${event.id}, ${name})`.execute(trx);
      const call = handled.filter((id) => id === event.id).length;
      if (fail(event, call)) throw new Error(`boom on ${event.id}`);
    },
    afterCommit(events) {
      afterCommit.push(events.map((event) => event.id));
    },
  };
  return { subscriber, handled, afterCommit };
}

const profileUpdated = (userId: string) =>
  ({ type: "user.profile_updated", payload: { userId }, actorId: userId }) as const;

async function writeEvent(db: Kysely<DB>, userId: string) {
  return db.transaction().execute((trx) => appendEvent(trx, profileUpdated(userId)));
}

// appendEvent without its NOTIFY, which PREPARE TRANSACTION refuses.
async function insertEvent(trx: Transaction<DB>, userId: string) {
  const row = await trx
    .insertInto("outbox_events")
    .values({ type: "user.profile_updated", payload: JSON.stringify({ userId }), actor_id: userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function outboxOrder(db: Kysely<DB>) {
  const rows = await db.selectFrom("outbox_events").select("id").orderBy("txid").orderBy("id").execute();
  return rows.map((row) => row.id);
}

/**
 * Waits until every written event is older than every running transaction in the cluster: on a
 * shared PostgreSQL server, other test files' transactions hold the dispatch horizon, so without
 * this a batch could end early at an event still behind it.
 */
async function untilPastTheHorizon(db: Kysely<DB>) {
  for (;;) {
    const { rows } = await sql<{ waiting: boolean }>`select exists (select 1 from outbox_events
      where txid >= pg_snapshot_xmin(pg_current_snapshot())) as waiting`.execute(db);
    if (!rows[0]?.waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function effects(db: Kysely<DB>) {
  const { rows } = await sql<{ event_id: number; dispatcher: string }>`
    select event_id::int, dispatcher from test_effects order by seq`.execute(db);
  return rows;
}


async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Writes with `write` in a transaction that stays open until the returned commit() is called.
 * PGlite has one connection, so there PREPARE TRANSACTION parks the transaction (as still
 * running) while other transactions go ahead; that needs a PGlite started with
 * max_prepared_transactions, see openPGliteWithPreparedTransactions.
 */
async function openLateTransaction(target: Database, write: (trx: Transaction<DB>) => Promise<void>) {
  if (target.kind === "pglite") {
    await target.db.transaction().execute(async (trx) => {
      await write(trx);
      await sql`prepare transaction 'late'`.execute(trx);
    });
    return async () => void (await sql`commit prepared 'late'`.execute(target.db));
  }
  let commit!: () => void;
  const gate = new Promise<void>((resolve) => (commit = resolve));
  let written!: () => void;
  const ready = new Promise<void>((resolve) => (written = resolve));
  const done = target.db.transaction().execute(async (trx) => {
    await write(trx);
    written();
    await gate;
  });
  await Promise.race([ready, done]);
  return async () => {
    commit();
    await done;
  };
}

async function openPGliteWithPreparedTransactions(): Promise<Database> {
  const template = process.env.TEST_PGLITE_TEMPLATE;
  if (!template) throw new Error("global setup did not prepare a PGlite template");
  const pglite = await PGlite.create({
    loadDataDir: new Blob([fs.readFileSync(template)]),
    postgresqlconf: ["max_prepared_transactions = 2"],
    parsers: { 20: (value: string) => Number(value) },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  await createEffectsTable(db);
  return {
    db,
    kind: "pglite",
    listen: async (channel, onNotify) => {
      const unlisten = await pglite.listen(channel, onNotify);
      return () => unlisten();
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

describe("dispatch order", () => {
  it("delivers committed events in (txid, id) order, once each", async () => {
    const ids = [await writeEvent(database.db, "u1"), await writeEvent(database.db, "u2")];
    await database.db.transaction().execute(async (trx) => {
      ids.push(await appendEvent(trx, profileUpdated("u3")), await appendEvent(trx, profileUpdated("u4")));
    });
    const { subscriber, handled, afterCommit } = recorder();
    const delivered: DispatchedEvent[] = [];
    const dispatcher = dispatcherFor({
      subscribers: [subscriber, { name: "keeper", afterCommit: (events) => void delivered.push(...events) }],
      batchSize: 3,
    });

    expect(await dispatcher.drain()).toBe(4);
    expect(handled).toEqual(await outboxOrder(database.db));
    expect(delivered[0]).toMatchObject({ id: ids[0], type: "user.profile_updated", payload: { userId: "u1" }, actorId: "u1" });
    expect(typeof delivered[0].txid).toBe("string");
    expect(delivered[0].occurredAt).toBeInstanceOf(Date);
    expect(handled).toEqual(ids);
    expect(afterCommit.flat()).toEqual(ids);
    expect(await dispatcher.backlog()).toBe(0);
    expect(await dispatcher.lagMs()).toBe(0);

    // Idempotent: dispatched events are never handed out again.
    expect(await dispatcher.drain()).toBe(0);
    expect(handled).toHaveLength(4);
    expect((await effects(database.db)).map((row) => row.event_id)).toEqual(ids);
  });

  it("holds back a later commit behind an older running transaction, then delivers the late one first", async () => {
    const target = usingPostgres() ? database : await openPGliteWithPreparedTransactions();
    if (target !== database) cleanups.push(() => target.close());
    let early = 0;
    const commitEarly = await openLateTransaction(target, async (trx) => {
      early = await insertEvent(trx, "early");
    });
    const late = await writeEvent(target.db, "late");
    expect(late).toBeGreaterThan(early);

    const { subscriber, handled } = recorder();
    const dispatcher = createDispatcher({ database: target, log: captureLog().log, subscribers: [subscriber] });
    // A high-water id cursor would take `late` now and skip `early` for good.
    expect(await dispatcher.drain({ heldBackWaitMs: 0 })).toBe(0);
    expect(await dispatcher.backlog()).toBe(1);
    expect(await dispatcher.lagMs()).toBeGreaterThanOrEqual(0);

    // drain() waits for the older transaction rather than reporting an outbox it has not emptied.
    const draining = dispatcher.drain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handled).toEqual([]);
    await commitEarly();
    expect(await draining).toBe(2);
    expect(handled).toEqual([early, late]);
    expect(handled).toEqual(await outboxOrder(target.db));
  }, 60_000); // on PGlite this starts a second embedded database

  it("wakes on NOTIFY and delivers events written before it started", async () => {
    const before = await writeEvent(database.db, "before");
    const { subscriber, afterCommit } = recorder();
    // The poll is too slow to matter here: only the first pass and NOTIFY can deliver in time.
    const dispatcher = dispatcherFor({ subscribers: [subscriber], pollIntervalMs: 60_000 });
    await dispatcher.start();
    await waitFor(() => afterCommit.flat().includes(before));

    const after = await writeEvent(database.db, "after");
    await waitFor(() => afterCommit.flat().includes(after), 5_000);
    expect(afterCommit.flat()).toEqual([before, after]);
  });

  it("pause() waits for the batch in flight, then nothing is dispatched until resume()", async () => {
    let entered!: () => void;
    const inHandle = new Promise<void>((resolve) => (entered = resolve));
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const slow: Subscriber = {
      name: "slow",
      async handle(_trx, event) {
        if (event.actorId !== "slow") return;
        entered();
        await gate;
      },
    };
    const { subscriber, afterCommit } = recorder();
    const dispatcher = dispatcherFor({ subscribers: [slow, subscriber], pollIntervalMs: 5 });
    await dispatcher.start();
    const inFlight = await writeEvent(database.db, "slow");
    await inHandle;

    let paused = false;
    const pausing = dispatcher.pause().then(() => (paused = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(paused).toBe(false);
    letGo();
    await pausing;
    expect(afterCommit.flat()).toEqual([inFlight]);

    const waiting = await writeEvent(database.db, "waiting");
    expect(await dispatcher.drain()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(afterCommit.flat()).toEqual([inFlight]);
    dispatcher.resume();
    await waitFor(() => afterCommit.flat().includes(waiting));
  });
});

describe("delivery guarantees", () => {
  it("commits a handler's effects with the acknowledgement: a failure rolls back both, the retry writes once", async () => {
    const ids = [await writeEvent(database.db, "a"), await writeEvent(database.db, "crash"), await writeEvent(database.db, "c")];
    const crashing = ids[1];
    const { subscriber, handled, afterCommit } = recorder("effects", (event, call) => event.id === crashing && call === 1);
    const { log, lines } = captureLog();
    const dispatcher = dispatcherFor({ subscribers: [subscriber], log, retryBaseMs: 0 });
    await untilPastTheHorizon(database.db);

    expect(await dispatcher.drain()).toBe(3);
    // The first batch ran `a` and `crash` and rolled back; then `a` and `crash` ran alone.
    expect(handled).toEqual([ids[0], crashing, ids[0], crashing, ids[2]]);
    expect((await effects(database.db)).map((row) => row.event_id)).toEqual(ids);
    expect(afterCommit).toEqual([[ids[0]], [crashing], [ids[2]]]);
    const row = await database.db
      .selectFrom("outbox_events")
      .select(["attempts", "last_error", "dispatched_at", "failed_at"])
      .where("id", "=", crashing)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, last_error: `effects: boom on ${crashing}`, failed_at: null });
    expect(row.dispatched_at).not.toBeNull();
    expect(lines.find((line) => line.msg?.toString().startsWith("subscriber failed"))).toMatchObject({
      eventId: crashing,
      subscriber: "effects",
      level: 40,
    });
  });

  it("backs off a poison event without spinning, then dead-letters it and moves on", async () => {
    const [first, poison, last] = [
      await writeEvent(database.db, "first"),
      await writeEvent(database.db, "poison"),
      await writeEvent(database.db, "last"),
    ];
    const { subscriber, handled, afterCommit } = recorder("poisoned", (event) => event.id === poison);
    const { log, lines } = captureLog();
    const dispatcher = dispatcherFor({ subscribers: [subscriber], log, maxAttempts: 3, retryBaseMs: 60_000, retryMaxMs: 600_000 });
    const poisonCalls = () => handled.filter((id) => id === poison).length;
    await untilPastTheHorizon(database.db);
    const timePasses = () =>
      database.db.updateTable("outbox_events").set({ retry_at: sql`now() - interval '1 second'` }).where("id", "=", poison).execute();

    expect(await dispatcher.drain()).toBe(1);
    expect(afterCommit.flat()).toEqual([first]);
    // In backoff: strict order holds `last` back, and drain() does not call the handler again.
    expect(await dispatcher.drain()).toBe(0);
    expect(poisonCalls()).toBe(1);
    const waiting = await database.db.selectFrom("outbox_events").selectAll().where("id", "=", poison).executeTakeFirstOrThrow();
    expect(waiting.attempts).toBe(1);
    expect(waiting.retry_at!.getTime() - Date.now()).toBeGreaterThan(50_000);

    await timePasses();
    expect(await dispatcher.drain()).toBe(0);
    expect(poisonCalls()).toBe(2);
    await timePasses();
    expect(await dispatcher.drain()).toBe(1);
    expect(poisonCalls()).toBe(3);
    expect(afterCommit.flat()).toEqual([first, last]);

    const dead = await database.db.selectFrom("outbox_events").selectAll().where("id", "=", poison).executeTakeFirstOrThrow();
    expect(dead).toMatchObject({ attempts: 3, dispatched_at: null, last_error: `poisoned: boom on ${poison}` });
    expect(dead.failed_at).not.toBeNull();
    expect(await dispatcher.backlog()).toBe(0);
    expect((await effects(database.db)).map((row) => row.event_id)).toEqual([first, last]);
    expect(lines.filter((line) => line.level === 50)).toMatchObject([{ eventId: poison, attempts: 3 }]);
  });

  it("hands a batch subscriber the whole batch in one call, and finds a poison event in it one event at a time", async () => {
    const ids = [await writeEvent(database.db, "a"), await writeEvent(database.db, "poison"), await writeEvent(database.db, "c")];
    const poison = ids[1]!;
    const calls: number[][] = [];
    const committed: number[][] = [];
    const batcher: Subscriber = {
      name: "batcher",
      async handleBatch(trx, events) {
        calls.push(events.map((event) => event.id));
        for (const event of events) {
          await sql`insert into test_effects (event_id, dispatcher) values (${event.id}, 'batcher')`.execute(trx);
        }
        if (events.some((event) => event.id === poison)) throw new Error(`boom on ${poison}`);
      },
      afterCommit(events) {
        committed.push(events.map((event) => event.id));
      },
    };
    const dispatcher = dispatcherFor({ subscribers: [batcher], maxAttempts: 1 });
    await untilPastTheHorizon(database.db);
    await dispatcher.drain();
    // The whole batch failed and rolled back; run again one per call, the poison event was
    // found (that run rolled back too) and dead-lettered; then the rest went as one batch again.
    expect(calls).toEqual([ids, [ids[0]], [poison], [ids[0], ids[2]]]);
    expect(committed.flat()).toEqual([ids[0], ids[2]]);
    expect((await effects(database.db)).map((row) => row.event_id)).toEqual([ids[0], ids[2]]);
    const dead = await database.db.selectFrom("outbox_events").selectAll().where("id", "=", poison).executeTakeFirstOrThrow();
    expect(dead).toMatchObject({ attempts: 1, dispatched_at: null, last_error: `batcher: boom on ${poison}` });
  });

  it("dead-letters an event of a type it does not know", async () => {
    await database.db
      .insertInto("outbox_events")
      .values({ type: "no.such_event", payload: JSON.stringify({}), actor_id: null })
      .execute();
    const known = await writeEvent(database.db, "known");
    const { subscriber, handled } = recorder();
    const dispatcher = dispatcherFor({ subscribers: [subscriber], maxAttempts: 2, retryBaseMs: 0 });
    expect(await dispatcher.drain()).toBe(1);
    expect(handled).toEqual([known]);
    const dead = await database.db.selectFrom("outbox_events").selectAll().where("type", "=", "no.such_event").executeTakeFirstOrThrow();
    expect(dead.last_error).toBe("dispatcher: unknown event type no.such_event");
    expect(dead.failed_at).not.toBeNull();
  });

  it("calls afterCommit only after the commit, logs its errors and never retries them", async () => {
    const ids = [await writeEvent(database.db, "x"), await writeEvent(database.db, "y")];
    const seenCommitted: boolean[] = [];
    const observer: Subscriber = {
      name: "observer",
      async afterCommit(events) {
        // Another query (on PostgreSQL another connection): sees the batch only if it committed.
        const rows = await database.db
          .selectFrom("outbox_events")
          .select("dispatched_at")
          .where("id", "in", events.map((event) => event.id))
          .execute();
        seenCommitted.push(rows.length === events.length && rows.every((row) => row.dispatched_at !== null));
      },
    };
    const broken: Subscriber = {
      name: "broken",
      afterCommit() {
        throw new Error("socket gone");
      },
    };
    const { subscriber, afterCommit } = recorder();
    const { log, lines } = captureLog();
    const dispatcher = dispatcherFor({ subscribers: [observer, broken, subscriber], log });

    expect(await dispatcher.drain()).toBe(2);
    expect(seenCommitted.length).toBeGreaterThan(0);
    expect(seenCommitted.every(Boolean)).toBe(true);
    expect(afterCommit.flat()).toEqual(ids);
    expect(lines.filter((line) => line.subscriber === "broken")).toMatchObject(
      afterCommit.map((eventIds) => ({ level: 50, eventIds })),
    );
    expect(await dispatcher.drain()).toBe(0);
    expect(afterCommit.flat()).toEqual(ids);
  });

  it("never delivers an event twice when two dispatchers share one database", async () => {
    const one = recorder("one");
    const two = recorder("two");
    const dispatchers = [
      dispatcherFor({ subscribers: [one.subscriber], pollIntervalMs: 5, batchSize: 7 }),
      dispatcherFor({ subscribers: [two.subscriber], pollIntervalMs: 5, batchSize: 7 }),
    ];
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.start()));
    await Promise.all(
      Array.from({ length: 5 }, async (_, writer) => {
        for (let i = 0; i < 10; i++) await writeEvent(database.db, `w${writer}-${i}`);
      }),
    );
    await waitFor(async () => (await dispatchers[0].backlog()) === 0);
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));

    const delivered = (await effects(database.db)).map((row) => row.event_id);
    expect(delivered).toHaveLength(50);
    expect(new Set(delivered).size).toBe(50);
    expect(delivered).toEqual(await outboxOrder(database.db));
  });
});

if (!usingPostgres()) {
  console.info(
    "dispatcher.test.ts: NOT RUN on PGlite: the tests with several connections (two processes racing on " +
      "500 events, txid order differing from id order). Set TEST_DATABASE_URL to run them.",
  );
}

describe.runIf(usingPostgres())("on PostgreSQL with several connections (needs TEST_DATABASE_URL)", () => {
  /** A separate pool on the same database: what another process would have. */
  async function otherProcess() {
    const handle = await openDatabase({ url: database.url!, poolSize: 4 });
    cleanups.push(() => handle.close());
    return handle;
  }

  /**
   * A pool whose clients survive their connection being killed. db/client.ts attaches no
   * 'error' listener to a checked-out client, so there a killed connection is an uncaught
   * exception that ends the process.
   */
  function poolSurvivingKilledConnections(): Pick<Database, "db" | "listen"> {
    const pool = new pg.Pool({ connectionString: database.url!, max: 2 });
    pool.on("connect", (client) => client.on("error", () => {}));
    pool.on("error", () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    cleanups.push(() => db.destroy());
    return { db, listen: async () => async () => {} };
  }

  it("orders by transaction id, not by event id", async () => {
    const { subscriber, handled } = recorder();
    const dispatcher = dispatcherFor({ subscribers: [subscriber] });
    let second = 0;
    const first = await database.db.transaction().execute(async (trx) => {
      await sql`select pg_current_xact_id()`.execute(trx); // takes its transaction id now
      second = await writeEvent(database.db, "second"); // a younger transaction commits first
      expect(await dispatcher.drain({ heldBackWaitMs: 0 })).toBe(0);
      return appendEvent(trx, profileUpdated("first")); // a higher id, an older transaction
    });
    expect(first).toBeGreaterThan(second);
    expect(await dispatcher.drain()).toBe(2);
    expect(handled).toEqual([first, second]);
  });

  it("loses nothing when a dispatcher dies mid-batch, and its lock passes to another", async () => {
    const id = await writeEvent(database.db, "survivor");
    let pid!: number;
    let reachedEffect!: () => void;
    const atEffect = new Promise<void>((resolve) => (reachedEffect = resolve));
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const dying: Subscriber = {
      name: "dying",
      async handle(trx, event) {
        await sql`insert into test_effects (event_id, dispatcher) values (${event.id}, 'dying')`.execute(trx);
        pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
        reachedEffect();
        await gate;
        await sql`select 1`.execute(trx);
      },
    };
    const doomed = createDispatcher({ database: poolSurvivingKilledConnections(), log: captureLog().log, subscribers: [dying] });
    const doomedRun = doomed.drain();
    await atEffect;
    await sql`select pg_terminate_backend(${pid})`.execute(database.db);

    const { subscriber, handled } = recorder("heir");
    const heir = createDispatcher({ database: await otherProcess(), log: captureLog().log, subscribers: [subscriber] });
    expect(await heir.drain()).toBe(1);
    letGo();
    expect(await doomedRun).toBe(0);
    expect(handled).toEqual([id]);
    expect(await effects(database.db)).toEqual([{ event_id: id, dispatcher: "heir" }]);
  });

  it("two dispatchers in two processes racing on 500 events never deliver one twice and keep the order", async () => {
    const handles = [await otherProcess(), await otherProcess()];
    const recorders = [recorder("process-1"), recorder("process-2")];
    const dispatchers = handles.map((handle, i) => {
      const dispatcher = createDispatcher({
        database: handle,
        log: captureLog().log,
        subscribers: [recorders[i].subscriber],
        pollIntervalMs: 5,
        batchSize: 20,
      });
      cleanups.push(() => dispatcher.stop());
      return dispatcher;
    });
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.start()));
    // 10 concurrent writers, 25 transactions of 2 events each: commits interleave with ids.
    await Promise.all(
      Array.from({ length: 10 }, async (_, writer) => {
        for (let i = 0; i < 25; i++) {
          await database.db.transaction().execute(async (trx) => {
            await appendEvent(trx, profileUpdated(`w${writer}-${i}-a`));
            await appendEvent(trx, profileUpdated(`w${writer}-${i}-b`));
          });
        }
      }),
    );
    await waitFor(async () => (await dispatchers[0].backlog()) === 0, 30_000);
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));

    const delivered = await effects(database.db);
    expect(delivered).toHaveLength(500);
    expect(new Set(delivered.map((row) => row.event_id)).size).toBe(500);
    expect(delivered.map((row) => row.event_id)).toEqual(await outboxOrder(database.db));
    const fannedOut = recorders.flatMap((r) => r.afterCommit.flat());
    expect(fannedOut).toHaveLength(500);
    expect(new Set(fannedOut).size).toBe(500);
    const split = recorders.map((r) => r.handled.length);
    console.info(`dispatcher race: handle calls per process ${split.join(" / ")} (500 events)`);
  });
});
