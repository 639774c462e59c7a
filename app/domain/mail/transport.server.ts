import nodemailer from "nodemailer";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";

/**
 * Where finished mail goes: an SMTP server (nodemailer) when SMTP_URL is set, otherwise the
 * `mail_outbox` table that admins read at /admin/mail, so every flow works on the embedded
 * default with no mail server (docs/decisions/019-mail.md).
 */
export interface OutgoingMail {
  /** Names this delivery for good: a retried job delivers to the outbox once. */
  key: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  kind: "smtp" | "outbox";
  deliver(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function smtpTransport(url: string, from: string): MailTransport {
  // Pooled: the scheduler runs jobs five at a time, and a connection per mail costs a handshake each.
  const pooled = new URL(url);
  if (!pooled.searchParams.has("pool")) pooled.searchParams.set("pool", "true");
  const transporter = nodemailer.createTransport(pooled.toString());
  return {
    kind: "smtp",
    async deliver(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      });
    },
    close: () => transporter.close(),
  };
}

export function outboxTransport(db: Kysely<DB>): MailTransport {
  return {
    kind: "outbox",
    async deliver(mail) {
      await db
        .insertInto("mail_outbox")
        .values({
          message_key: mail.key,
          to_address: mail.to,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html,
          headers: JSON.stringify(mail.headers),
        })
        .onConflict((oc) => oc.column("message_key").doNothing())
        .execute();
    },
    close: () => {},
  };
}
