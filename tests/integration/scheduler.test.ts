import { sql } from "kysely";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import {
  cancelJob,
  nextSlot,
  scheduleJob,
  scheduleRecurring,
  type Job,
  type JobHandler,
} from "../../app/domain/scheduler/jobs.server";
import { createScheduler, type Scheduler, type SchedulerOptions } from "../../server/scheduler";
import { createTestDatabase, usingPostgres } from "../support/database";

let database: Database & { url?: string };
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await sql`create table job_runs (job_id bigint not null, worker text not null)`.execute(database.db);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.db.deleteFrom("jobs").execute();
  await sql`truncate job_runs`.execute(database.db);
});

function captureLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

function schedulerFor(options: Partial<SchedulerOptions> & Pick<SchedulerOptions, "handlers">): Scheduler {
  const scheduler = createScheduler({ database, log: captureLog().log, workerId: "test-worker", ...options });
  cleanups.push(() => scheduler.stop());
  return scheduler;
}

function recordingHandler(fail: (job: Job) => boolean = () => false) {
  const runs: Job[] = [];
  const handler: JobHandler = async (job) => {
    runs.push(job);
    if (fail(job)) throw new Error(`job ${job.id} failed`);
  };
  return { handler, runs };
}

const jobRow = (id: number) => database.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

// Time moves on for one job: its run_at (due date or next retry) is now.
const timePasses = (id: number) =>
  database.db.updateTable("jobs").set({ run_at: sql`now()` }).where("id", "=", id).execute();

const secondsUntil = (date: Date) => (date.getTime() - Date.now()) / 1000;

async function waitFor(condition: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("running jobs", () => {
  it("runs a due job once and marks it completed", async () => {
    const id = (await scheduleJob(database.db, { kind: "greet", payload: { name: "Ada" } }))!;
    const { handler, runs } = recordingHandler();
    const scheduler = schedulerFor({ handlers: { greet: handler } });

    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.runDue()).toBe(0);
    expect(runs.map((job) => [job.id, job.payload, job.attempts])).toEqual([[id, { name: "Ada" }, 1]]);
    const row = await jobRow(id);
    expect(row.completed_at).not.toBeNull();
    expect(row).toMatchObject({ locked_by: null, locked_until: null, failed_at: null });
  });

  it("records every outcome of a round: the jobs that succeeded completed, the one that failed waiting for its retry", async () => {
    const ids = [];
    for (const name of ["Ada", "Grace", "Edsger", "Barbara"]) ids.push((await scheduleJob(database.db, { kind: "greet", payload: { name } }))!);
    const failing = ids[2]!;
    const { handler, runs } = recordingHandler((job) => job.id === failing);
    const scheduler = schedulerFor({ handlers: { greet: handler }, batchSize: 5 });

    expect(await scheduler.runDue()).toBe(4);
    expect(runs).toHaveLength(4);
    const rows = await Promise.all(ids.map(jobRow));
    for (const row of rows.filter((row) => row.id !== failing)) {
      expect(row.completed_at).not.toBeNull();
      expect(row).toMatchObject({ locked_by: null, locked_until: null, failed_at: null, attempts: 1 });
    }
    const failed = rows.find((row) => row.id === failing)!;
    expect(failed).toMatchObject({ completed_at: null, failed_at: null, locked_by: null, last_error: `job ${failing} failed`, attempts: 1 });
    expect(secondsUntil(failed.run_at)).toBeGreaterThan(1);
  });

  it("does not run a job before its time, nor a kind it has no handler for", async () => {
    const later = (await scheduleJob(database.db, { kind: "greet", runAt: new Date(Date.now() + 3_600_000) }))!;
    await scheduleJob(database.db, { kind: "someone-elses" });
    const { handler, runs } = recordingHandler();
    const scheduler = schedulerFor({ handlers: { greet: handler } });

    expect(await scheduler.runDue()).toBe(0);
    await timePasses(later);
    expect(await scheduler.runDue()).toBe(1);
    expect(runs.map((job) => job.id)).toEqual([later]);
  });

  it("retries with exponential backoff, then fails after max attempts", async () => {
    const id = (await scheduleJob(database.db, { kind: "flaky", maxAttempts: 3 }))!;
    const { handler, runs } = recordingHandler(() => true);
    const { log, lines } = captureLog();
    const scheduler = schedulerFor({ handlers: { flaky: handler }, log, retryBaseMs: 10_000 });

    expect(await scheduler.runDue()).toBe(1);
    let row = await jobRow(id);
    expect(row).toMatchObject({ attempts: 1, last_error: `job ${id} failed`, failed_at: null, locked_by: null });
    expect(secondsUntil(row.run_at)).toBeGreaterThan(8);
    expect(secondsUntil(row.run_at)).toBeLessThanOrEqual(10);
    expect(await scheduler.runDue()).toBe(0); // not before the backoff

    await timePasses(id);
    expect(await scheduler.runDue()).toBe(1);
    row = await jobRow(id);
    expect(row.attempts).toBe(2);
    expect(secondsUntil(row.run_at)).toBeGreaterThan(18);
    expect(secondsUntil(row.run_at)).toBeLessThanOrEqual(20);

    await timePasses(id);
    expect(await scheduler.runDue()).toBe(1);
    row = await jobRow(id);
    expect(row.attempts).toBe(3);
    expect(row.failed_at).not.toBeNull();
    expect(row.completed_at).toBeNull();

    await timePasses(id);
    expect(await scheduler.runDue()).toBe(0);
    expect(runs).toHaveLength(3);
    expect(lines.filter((line) => line.level === 40)).toHaveLength(2);
    expect(lines.filter((line) => line.level === 50)).toMatchObject([{ jobId: id, attempts: 3 }]);
  });

  it("completes a job that succeeds on a retry", async () => {
    const id = (await scheduleJob(database.db, { kind: "flaky" }))!;
    const { handler, runs } = recordingHandler((job) => job.attempts === 1);
    const scheduler = schedulerFor({ handlers: { flaky: handler }, retryBaseMs: 0 });
    expect(await scheduler.runDue()).toBe(2);
    expect(runs.map((job) => job.attempts)).toEqual([1, 2]);
    expect((await jobRow(id)).completed_at).not.toBeNull();
  });

  it("reclaims a job whose worker died (lease expired), leaves a live lease alone", async () => {
    const orphan = (await scheduleJob(database.db, { kind: "work" }))!;
    const busy = (await scheduleJob(database.db, { kind: "work" }))!;
    const lastChance = (await scheduleJob(database.db, { kind: "work", maxAttempts: 2 }))!;
    const lease = (id: number, until: string, attempts: number) =>
      database.db
        .updateTable("jobs")
        .set({ locked_by: "crashed-worker", locked_until: sql`now() + ${sql.raw(`interval '${until}'`)}`, attempts })
        .where("id", "=", id)
        .execute();
    await lease(orphan, "-1 second", 1);
    await lease(busy, "1 minute", 1);
    await lease(lastChance, "-1 second", 2);
    const { handler, runs } = recordingHandler();
    const scheduler = schedulerFor({ handlers: { work: handler } });

    expect(await scheduler.runDue()).toBe(1);
    expect(runs.map((job) => [job.id, job.attempts])).toEqual([[orphan, 2]]);
    expect((await jobRow(orphan)).completed_at).not.toBeNull();
    expect(await jobRow(busy)).toMatchObject({ locked_by: "crashed-worker", completed_at: null, failed_at: null });
    // A worker that died on the last attempt: the job is given up, not run a third time.
    const given = await jobRow(lastChance);
    expect(given.failed_at).not.toBeNull();
    expect(given.last_error).toBe("lease expired on the last attempt");
  });

  it("start() polls for due jobs; stop() waits for the job in flight", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: number[] = [];
    const scheduler = schedulerFor({
      pollIntervalMs: 10,
      handlers: {
        slow: async (job) => {
          started.push(job.id);
          await gate;
        },
      },
    });
    scheduler.start();
    const id = (await scheduleJob(database.db, { kind: "slow" }))!;
    await waitFor(() => started.length === 1);

    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await jobRow(id)).completed_at).not.toBeNull();
  });
});

describe("scheduling", () => {
  it("dedupes by unique key, even after the job ran; cancelJob frees a pending key", async () => {
    const first = await scheduleJob(database.db, { kind: "remind", uniqueKey: "remind:session-1" });
    expect(first).not.toBeNull();
    expect(await scheduleJob(database.db, { kind: "remind", uniqueKey: "remind:session-1" })).toBeNull();
    const { handler, runs } = recordingHandler();
    expect(await schedulerFor({ handlers: { remind: handler } }).runDue()).toBe(1);
    expect(await scheduleJob(database.db, { kind: "remind", uniqueKey: "remind:session-1" })).toBeNull();
    expect(await cancelJob(database.db, "remind:session-1")).toBe(false);
    expect(runs).toHaveLength(1);

    const pending = await scheduleJob(database.db, { kind: "remind", uniqueKey: "remind:session-2", runAt: new Date(Date.now() + 60_000) });
    expect(await cancelJob(database.db, "remind:session-2")).toBe(true);
    const again = await scheduleJob(database.db, { kind: "remind", uniqueKey: "remind:session-2" });
    expect(again).not.toBeNull();
    expect(again).not.toBe(pending);
  });

  it("schedules inside the caller's transaction: no job when it rolls back", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await scheduleJob(trx, { kind: "remind", uniqueKey: "rolled-back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await database.db.selectFrom("jobs").selectAll().execute()).toEqual([]);
  });

  it("keeps one pending instance of a recurring job, which schedules its successor", async () => {
    const everyMs = 60_000;
    const tenMinutesAgo = new Date(Date.now() - 10 * everyMs);
    // Two processes starting ten minutes ago agree on the slot: one job.
    const bootstrap = await scheduleRecurring(database.db, { kind: "digest", everyMs }, tenMinutesAgo);
    expect(bootstrap).not.toBeNull();
    expect(await scheduleRecurring(database.db, { kind: "digest", everyMs }, tenMinutesAgo)).toBeNull();

    const runs: Job[] = [];
    const scheduler = schedulerFor({
      handlers: {
        digest: async (job, ctx) => {
          runs.push(job);
          await scheduleRecurring(ctx.db, { kind: job.kind, everyMs, after: job.run_at });
        },
      },
    });
    expect(await scheduler.runDue()).toBe(1); // the missed slot runs once, not ten times
    expect(await scheduler.runDue()).toBe(0);

    const slot = nextSlot(everyMs, new Date());
    const pending = await database.db.selectFrom("jobs").selectAll().where("completed_at", "is", null).execute();
    expect(pending).toHaveLength(1);
    expect(pending[0].unique_key).toBe(`digest@${slot.toISOString()}`);
    expect(pending[0].run_at.getTime()).toBe(slot.getTime());
    // A process starting now finds the successor already there.
    expect(await scheduleRecurring(database.db, { kind: "digest", everyMs })).toBeNull();
    expect(runs).toHaveLength(1);
  });

  it("computes slots as multiples of the period since the epoch", () => {
    expect(nextSlot(60_000, new Date("2026-01-01T10:00:00.000Z")).toISOString()).toBe("2026-01-01T10:01:00.000Z");
    expect(nextSlot(60_000, new Date("2026-01-01T10:00:59.999Z")).toISOString()).toBe("2026-01-01T10:01:00.000Z");
    expect(nextSlot(86_400_000, new Date("2026-01-01T10:00:00.000Z")).toISOString()).toBe("2026-01-02T00:00:00.000Z");
  });
});

if (!usingPostgres()) {
  console.info(
    "scheduler.test.ts: NOT RUN on PGlite: two schedulers in two processes on one PostgreSQL. " +
      "Set TEST_DATABASE_URL to run it.",
  );
}

describe.runIf(usingPostgres())("on PostgreSQL with several connections (needs TEST_DATABASE_URL)", () => {
  it("two schedulers in two processes run each of 200 jobs exactly once", async () => {
    for (let i = 0; i < 200; i++) await scheduleJob(database.db, { kind: "count", payload: { i } });
    const schedulers = await Promise.all(
      ["worker-a", "worker-b"].map(async (workerId) => {
        const handle = await openDatabase({ url: database.url!, poolSize: 4 });
        cleanups.push(() => handle.close());
        const scheduler = createScheduler({
          database: handle,
          log: captureLog().log,
          workerId,
          batchSize: 3,
          handlers: {
            count: async (job, ctx) => {
              await new Promise((resolve) => setTimeout(resolve, 1)); // let the two interleave
              await sql`insert into job_runs (job_id, worker) values (${job.id}, ${ctx.workerId})`.execute(ctx.db);
            },
          },
        });
        cleanups.push(() => scheduler.stop());
        return scheduler;
      }),
    );

    const counts = await Promise.all(schedulers.map((scheduler) => scheduler.runDue()));
    expect(counts[0] + counts[1]).toBe(200);
    const { rows } = await sql<{ runs: number; jobs: number }>`
      select count(*)::int as runs, count(distinct job_id)::int as jobs from job_runs`.execute(database.db);
    expect(rows[0]).toEqual({ runs: 200, jobs: 200 });
    const unfinished = await database.db.selectFrom("jobs").select("id").where("completed_at", "is", null).execute();
    expect(unfinished).toEqual([]);
    console.info(`scheduler race: jobs run per process ${counts.join(" / ")} (200 jobs)`);
  });
});
