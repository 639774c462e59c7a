import type { JobHandler } from "../scheduler/jobs.server";
import { buildMail } from "./build.server";
import type { MailPayload } from "./queue.server";
import type { MailTransport } from "./transport.server";

/**
 * The `mail.send` job: build the message now (decision 019: privacy is checked at send time),
 * then hand it to the transport. A transport error throws, and the scheduler retries with
 * backoff (30 s doubling, six attempts) before marking the job failed.
 */
export function mailJobHandler(deps: { transport: MailTransport; publicOrigin: string }): JobHandler {
  return async (job, ctx) => {
    const payload = job.payload as MailPayload;
    const mail = await buildMail(ctx.db, payload, deps.publicOrigin);
    if (!mail) {
      ctx.log.debug({ type: payload.type }, "mail not sent: nothing to say any more");
      return;
    }
    await deps.transport.deliver({ key: `job:${job.id}`, ...mail });
    ctx.log.info({ type: payload.type, transport: deps.transport.kind }, "mail sent");
  };
}
