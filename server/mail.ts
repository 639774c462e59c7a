import express from "express";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import type { Subscriber } from "../app/domain/events/subscriber.server";
import { queueInstantMail } from "../app/domain/mail/instant.server";
import { MAIL_JOB } from "../app/domain/mail/queue.server";
import { mailJobHandler } from "../app/domain/mail/send.server";
import { outboxTransport, smtpTransport, type MailTransport } from "../app/domain/mail/transport.server";
import { DIGEST_PERIODS, digestJobHandler, digestJobKind } from "../app/domain/mail/digest.server";
import { scheduleRecurring, type JobHandler } from "../app/domain/scheduler/jobs.server";
import { unsubscribe } from "../app/domain/mail/preferences.server";
import { readUnsubscribeToken } from "../app/domain/mail/unsubscribe.server";
import type { Config } from "./config";

/** Mail wiring (docs/decisions/019-mail.md): the transport, its jobs, and the dispatcher hook. */
export function createMail(config: Pick<Config, "mail" | "publicOrigin">, db: Kysely<DB>, transport?: MailTransport) {
  const chosen = transport ?? (config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl, config.mail.from) : outboxTransport(db));
  const handlers: Record<string, JobHandler> = {
    [MAIL_JOB]: mailJobHandler({ transport: chosen, publicOrigin: config.publicOrigin }),
    [digestJobKind("daily")]: digestJobHandler("daily"),
    [digestJobKind("weekly")]: digestJobHandler("weekly"),
  };
  const subscriber: Subscriber = { name: "mail", handle: queueInstantMail };
  return {
    transport: chosen,
    handlers,
    subscriber,
    async ensureScheduled() {
      await scheduleRecurring(db, { kind: digestJobKind("daily"), everyMs: DIGEST_PERIODS.daily });
      await scheduleRecurring(db, { kind: digestJobKind("weekly"), everyMs: DIGEST_PERIODS.weekly });
    },
    close: () => chosen.close(),
  };
}

/**
 * RFC 8058 one-click unsubscribe: mail providers POST `List-Unsubscribe=One-Click` to the link
 * with no cookie and no Origin, so this sits before the same-origin check. The signed token is
 * the only authority, and all it can do is turn mail off. The page's own button posts here too.
 */
export function oneClickUnsubscribe(db: Kysely<DB>): express.RequestHandler[] {
  return [
    express.urlencoded({ extended: false, limit: "2kb" }),
    async (req, res, next) => {
      try {
        const token = typeof req.query.token === "string" ? req.query.token : "";
        const subject = await readUnsubscribeToken(db, token);
        if (!subject) {
          res.status(400).type("text/plain").send("This unsubscribe link is not valid.");
          return;
        }
        await unsubscribe(db, subject.userId, subject.scope);
        if (req.accepts(["text/plain", "html"]) === "html") res.redirect(303, `/unsubscribe?token=${encodeURIComponent(token)}&done=1`);
        else res.type("text/plain").send("Unsubscribed.");
      } catch (error) {
        next(error);
      }
    },
  ];
}
