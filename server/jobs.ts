import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import { scheduleJob, scheduleRecurring, type JobHandler } from "../app/domain/scheduler/jobs.server";
import { bookmarkReminderHandler, REMINDER_JOB } from "../app/domain/follow/bookmarks.server";
import { rerenderStalePosts } from "../app/domain/forum/rerender.server";
import type { RenderMarkdown } from "../app/domain/forum/rendering";
import { RENDERER_VERSION } from "../app/domain/forum/markdown";
import { COUNCIL_JOB, TERM_END_JOB, councilJobHandler, ensureCouncilJobs, termEndHandler } from "../app/domain/councils/jobs.server";
import type { RealtimeControl } from "../app/realtime/control";
import { EXPIRE_JOB as MENTORING_EXPIRE_JOB, expireRequestHandler } from "../app/domain/mentoring/requests.server";

const HOUR = 3600_000;
const RERENDER = "forum.rerender";

/** Time-based work the server runs; each kind keeps one pending instance through its unique key. */
export function createBackgroundJobs(options: { render: RenderMarkdown; realtime?: RealtimeControl }) {
  const handlers = {
    // Successor first, so a failed run does not end the chain.
    "sessions.purge-expired": async (job, ctx) => {
      await scheduleRecurring(ctx.db, { kind: job.kind, everyMs: HOUR, after: job.run_at });
      await ctx.db.deleteFrom("sessions").where("expires_at", "<=", new Date()).execute();
    },
    [REMINDER_JOB]: bookmarkReminderHandler,
    [MENTORING_EXPIRE_JOB]: expireRequestHandler,
    // After a renderer upgrade: a batch per run, then the next run, until no post is stale.
    [RERENDER]: async (_job, ctx) => {
      const { more } = await rerenderStalePosts(ctx.db, { render: options.render, currentVersion: RENDERER_VERSION });
      if (more) await scheduleJob(ctx.db, { kind: RERENDER, uniqueKey: `${RERENDER}@${Date.now()}` });
    },
    [COUNCIL_JOB]: councilJobHandler(options.realtime),
    [TERM_END_JOB]: termEndHandler(options.realtime),
  } satisfies Record<string, JobHandler>;
  return {
    handlers,
    async ensureScheduled(db: Kysely<DB>) {
      await scheduleRecurring(db, { kind: "sessions.purge-expired", everyMs: HOUR });
      // One pass per renderer version, whichever process starts first.
      await scheduleJob(db, { kind: RERENDER, uniqueKey: `${RERENDER}@v${RENDERER_VERSION}` });
      await ensureCouncilJobs(db);
    },
  };
}
