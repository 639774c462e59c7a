import crypto from "node:crypto";
import os from "node:os";
import { sql } from "kysely";
import type { Database } from "../db/client";
import type { Job, JobHandler } from "../app/domain/scheduler/jobs.server";
import type { Logger } from "./logger";

/**
 * Runs due jobs from the `jobs` table. Several schedulers (processes) may share one database:
 * a job is claimed with a lease (`locked_until`) under FOR UPDATE SKIP LOCKED, so one worker
 * runs it; a lease that expires (the worker died) makes the job claimable again.
 * See docs/decisions/004-scheduler-in-database.md.
 */

export interface SchedulerOptions {
  database: Pick<Database, "db">;
  log: Logger;
  handlers: Record<string, JobHandler>;
  pollIntervalMs?: number;
  workerId?: string;
  /** Jobs claimed (and run concurrently) per round. */
  batchSize?: number;
  /** How long a claimed job is reserved; a run that takes longer may be started again. */
  leaseMs?: number;
  /** Wait before the next attempt after a failure: doubled each attempt, up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface Scheduler {
  start(): void;
  /** Stops polling; resolves once the jobs in flight finished. */
  stop(): Promise<void>;
  /** Runs due jobs until none is left; returns how many runs were made (failed ones included). */
  runDue(): Promise<number>;
}

const ms = (value: number) => sql`(${value}::float8 * interval '1 millisecond')`;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db } = options.database;
  const { handlers } = options;
  const kinds = Object.keys(handlers);
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const log = options.log.child({ component: "scheduler", workerId });
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 5;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const retryMaxMs = options.retryMaxMs ?? 60 * 60_000;

  let timer: NodeJS.Timeout | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  // One round at a time in this process, whether from the poll or from runDue().
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run);
    tail = result.catch(() => {});
    return result;
  };

  // A worker that died on its last attempt leaves a job nobody may claim: give it up.
  async function failAbandoned() {
    const abandoned = await db
      .updateTable("jobs")
      .set({ failed_at: sql`now()`, locked_by: null, locked_until: null, last_error: "lease expired on the last attempt" })
      .where("completed_at", "is", null)
      .where("failed_at", "is", null)
      .where("locked_until", "<", sql<Date>`now()`)
      .whereRef("attempts", ">=", "max_attempts")
      .returning(["id", "kind"])
      .execute();
    for (const job of abandoned) log.error({ jobId: job.id, kind: job.kind }, "job failed: lease expired on its last attempt");
  }

  // Attempts are counted when a run starts, so a run that crashes the process counts too.
  function claim(): Promise<Job[]> {
    return db
      .updateTable("jobs")
      .set((eb) => ({
        locked_by: workerId,
        locked_until: sql`now() + ${ms(leaseMs)}`,
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "in", (eb) =>
        eb
          .selectFrom("jobs")
          .select("id")
          .where("kind", "in", kinds)
          .where("completed_at", "is", null)
          .where("failed_at", "is", null)
          .where("run_at", "<=", sql<Date>`now()`)
          .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", sql<Date>`now()`)]))
          .whereRef("attempts", "<", "max_attempts")
          .orderBy("run_at")
          .orderBy("id")
          .limit(batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
  }

  /** Runs a job; its id when it succeeded (to be marked completed with the round's others), else null. */
  async function run(job: Job): Promise<number | null> {
    const handler = handlers[job.kind];
    try {
      await handler(job, { db, log: log.child({ jobId: job.id, kind: job.kind }), workerId });
      return job.id;
    } catch (error) {
      await recordFailure(job, error);
      return null;
    }
  }

  // One statement for the round's successes, not one a job: a mail job is three statements of
  // its own, and this was a fourth. Guarded by the lease holder: if our lease expired and
  // another worker took over, it finishes. A crash before this runs them again (at least once).
  async function complete(jobIds: number[]) {
    if (jobIds.length === 0) return;
    await db
      .updateTable("jobs")
      .set({ completed_at: sql`now()`, locked_by: null, locked_until: null })
      .where("id", "in", jobIds)
      .where("locked_by", "=", workerId)
      .execute();
  }

  async function recordFailure(job: Job, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const row = await db
      .updateTable("jobs")
      .set({
        locked_by: null,
        locked_until: null,
        last_error: message,
        run_at: sql`case when attempts >= max_attempts then run_at
          else now() + least(${retryBaseMs}::float8 * power(2, attempts - 1), ${retryMaxMs}::float8)
            * interval '1 millisecond' end`,
        failed_at: sql`case when attempts >= max_attempts then now() end`,
      })
      .where("id", "=", job.id)
      .where("locked_by", "=", workerId)
      .returning(["attempts", "max_attempts", "failed_at", "run_at"])
      .executeTakeFirst();
    const context = { jobId: job.id, kind: job.kind, attempts: row?.attempts, err: error };
    if (row?.failed_at) log.error(context, "job failed after its last attempt");
    else log.warn({ ...context, retryAt: row?.run_at }, "job failed; will retry");
  }

  async function round(): Promise<number> {
    if (kinds.length === 0) return 0;
    const jobs = await claim();
    const results = await Promise.allSettled(jobs.map(run));
    // Could not record an outcome (database away): the lease expires and the job runs again.
    const unrecorded = (error: unknown) => log.error({ err: error }, "cannot record a job's outcome");
    const succeeded: number[] = [];
    for (const result of results) {
      if (result.status === "rejected") unrecorded(result.reason);
      else if (result.value !== null) succeeded.push(result.value);
    }
    await complete(succeeded).catch(unrecorded);
    return jobs.length;
  }

  async function runDue(keepGoing = () => true) {
    // Once a pass, not once a round: an abandoned job waits out a whole lease anyway.
    if (kinds.length > 0) await exclusive(failAbandoned);
    let total = 0;
    while (keepGoing()) {
      const count = await exclusive(round);
      if (count === 0) break;
      total += count;
    }
    return total;
  }

  let polling = false;
  function poll() {
    if (polling) return;
    polling = true;
    runDue(() => timer !== undefined)
      .catch((error: unknown) => log.error({ err: error }, "scheduler round failed; retrying on the next poll"))
      .finally(() => (polling = false));
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(poll, pollIntervalMs);
      poll();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await tail;
    },
    runDue: () => runDue(),
  };
}
