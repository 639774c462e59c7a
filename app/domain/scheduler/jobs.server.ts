import type { Kysely, Transaction } from "kysely";
import type { Logger } from "pino";
import type { DB, JobRow } from "../../../db/schema";

/**
 * Due-dated jobs kept in the `jobs` table and run by server/scheduler.ts
 * (see docs/decisions/004-scheduler-in-database.md). Scheduling inside a domain transaction
 * means the job exists if and only if the change that asked for it committed.
 */

export type Job = JobRow;

export interface JobContext {
  db: Kysely<DB>;
  log: Logger;
  workerId: string;
}

/**
 * Runs at least once per job: a crash or an expired lease runs it again, so a handler must be
 * safe to repeat (unique keys, `on conflict do nothing`). `job.attempts` counts this run.
 */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

export interface NewJob {
  kind: string;
  payload?: unknown;
  /** Not before this time; now when omitted. */
  runAt?: Date;
  /**
   * Names the job for good: scheduling the same key again does nothing, even after the job
   * ran. Put whatever makes two jobs different (a date, a slot) into the key.
   */
  uniqueKey?: string;
  maxAttempts?: number;
}

/** Returns the new job's id, or null when a job with this unique key already exists. */
export async function scheduleJob(db: Kysely<DB> | Transaction<DB>, job: NewJob): Promise<number | null> {
  const row = await db
    .insertInto("jobs")
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? new Date(),
      unique_key: job.uniqueKey ?? null,
      ...(job.maxAttempts === undefined ? {} : { max_attempts: job.maxAttempts }),
    })
    .onConflict((oc) => oc.column("unique_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Removes the job with this key unless it already finished, which frees the key for a new
 * schedule. A run already in progress is not interrupted. Returns whether a job was removed.
 */
export async function cancelJob(db: Kysely<DB> | Transaction<DB>, uniqueKey: string): Promise<boolean> {
  const result = await db
    .deleteFrom("jobs")
    .where("unique_key", "=", uniqueKey)
    .where("completed_at", "is", null)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The first slot strictly after `after`; slots are multiples of `everyMs` since the epoch (UTC). */
export function nextSlot(everyMs: number, after: Date): Date {
  return new Date((Math.floor(after.getTime() / everyMs) + 1) * everyMs);
}

/**
 * Recurring work as a chain of one-off jobs, one per time slot, keyed `kind@slot`: however many
 * processes schedule the next slot, it exists once. The pattern:
 *
 *   // at startup, in every process (a no-op when the slot is already scheduled)
 *   await scheduleRecurring(db, { kind: "digest.daily", everyMs: DAY });
 *   // the handler schedules its successor first, so a run that fails does not end the chain
 *   "digest.daily": async (job, ctx) => {
 *     await scheduleRecurring(ctx.db, { kind: job.kind, everyMs: DAY, after: job.run_at });
 *     await sendDigests(ctx.db);
 *   }
 *
 * Missed slots (every process was down) are not caught up: the next slot counts from now.
 */
export async function scheduleRecurring(
  db: Kysely<DB> | Transaction<DB>,
  job: { kind: string; everyMs: number; payload?: unknown; after?: Date; maxAttempts?: number },
  now = new Date(),
): Promise<number | null> {
  const from = job.after && job.after > now ? job.after : now;
  const runAt = nextSlot(job.everyMs, from);
  return scheduleJob(db, {
    kind: job.kind,
    payload: job.payload,
    runAt,
    uniqueKey: `${job.kind}@${runAt.toISOString()}`,
    maxAttempts: job.maxAttempts,
  });
}
