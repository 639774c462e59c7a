import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import { scheduleRecurring, type JobHandler } from "../app/domain/scheduler/jobs.server";
import { bookmarkReminderHandler, REMINDER_JOB } from "../app/domain/follow/bookmarks.server";

const HOUR = 3600_000;

/** Time-based work the server runs; each kind keeps one pending instance through its unique key. */
export const backgroundJobs = {
  handlers: {
    // Successor first, so a failed run does not end the chain.
    "sessions.purge-expired": async (job, ctx) => {
      await scheduleRecurring(ctx.db, { kind: job.kind, everyMs: HOUR, after: job.run_at });
      await ctx.db.deleteFrom("sessions").where("expires_at", "<=", new Date()).execute();
    },
    [REMINDER_JOB]: bookmarkReminderHandler,
  } satisfies Record<string, JobHandler>,
  async ensureScheduled(db: Kysely<DB>) {
    await scheduleRecurring(db, { kind: "sessions.purge-expired", everyMs: HOUR });
  },
};
