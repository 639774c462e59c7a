import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { RealtimeControl } from "../../realtime/control";
import { scheduleRecurring, type JobHandler } from "../scheduler/jobs.server";
import { remindDueActionItems } from "./actions.server";
import { closeDueProposals } from "./proposals.server";
import { endExpiredTerms, TERM_END_JOB } from "./roster.server";

export { TERM_END_JOB };

const FIVE_MINUTES = 5 * 60_000;
export const COUNCIL_JOB = "councils.housekeeping";

/**
 * Every five minutes: end memberships whose term is over (their access already stopped at
 * term end: the policy checks it; this records the end, drops their watches and takes their
 * sockets out of council rooms), close proposals past their deadline, and mark action items
 * due soon as reminded.
 */
export function councilJobHandler(realtime?: Pick<RealtimeControl, "revalidateUser">): JobHandler {
  return async (job, ctx) => {
    await scheduleRecurring(ctx.db, { kind: job.kind, everyMs: FIVE_MINUTES, after: job.run_at });
    const now = new Date();
    const ended = await endExpiredTerms(ctx.db, now);
    for (const { user_id } of ended) await realtime?.revalidateUser(user_id);
    const closed = await closeDueProposals(ctx.db, now);
    const reminded = await remindDueActionItems(ctx.db, now);
    if (ended.length || closed || reminded.length) {
      ctx.log.info({ ended: ended.length, closed, reminded: reminded.length }, "council housekeeping");
    }
  };
}

/** At a term's end: record it and take the person's sockets out of the council's rooms. */
export function termEndHandler(realtime?: Pick<RealtimeControl, "revalidateUser">): JobHandler {
  return async (_job, ctx) => {
    const ended = await endExpiredTerms(ctx.db, new Date());
    for (const { user_id } of ended) await realtime?.revalidateUser(user_id);
  };
}

export async function ensureCouncilJobs(db: Kysely<DB>) {
  await scheduleRecurring(db, { kind: COUNCIL_JOB, everyMs: FIVE_MINUTES });
}
