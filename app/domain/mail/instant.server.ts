import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { DispatchedEvent } from "../events/catalogue";
import { notifyingEvents } from "../follow/notify.server";
import { isMailKind } from "./kinds";
import { mailPreferences, mailPreferencesColumn, preferencesFrom } from "./preferences.server";
import { queueMail } from "./queue.server";

/**
 * Queues right-away mail for what an event produced, inside the dispatcher's transaction (so
 * exactly once per notification, keyed by its id). Runs after the notifications subscriber, which
 * has created the rows by then. Only a job is queued here: whether the mail goes, and what it
 * says, is decided when the job runs.
 */
const STALE_AFTER_MS = 3600_000;

export async function queueInstantMail(trx: Transaction<DB>, event: DispatchedEvent) {
  // A backlog (a restored database, a long outage, seeded history) is not news to mail.
  if (Date.now() - new Date(event.occurredAt).getTime() > STALE_AFTER_MS) return;
  if (notifyingEvents.has(event.type)) {
    const rows = await trx
      .selectFrom("notifications")
      .select(["id", "user_id", "kind", mailPreferencesColumn("notifications.user_id").as("mail_preferences")])
      .where("event_id", "=", event.id)
      .execute();
    for (const row of rows) {
      // A message notification is mailed by the messages.sent branch below, with the excerpt.
      if (!isMailKind(row.kind) || row.kind === "message") continue;
      if (preferencesFrom(row.mail_preferences)[row.kind] !== "immediately") continue;
      await queueMail(trx, { type: "notification", notificationId: row.id }, `mail:notification:${row.id}`);
    }
  }
  if (event.type === "messages.sent") {
    const { conversationId, messageId, authorId } = event.payload as { conversationId: string; messageId: string; authorId: string };
    const { rows } = await sql<{ user_id: string }>`
      select user_id from conversation_participants where conversation_id = ${conversationId} and user_id <> ${authorId}`.execute(trx);
    for (const { user_id } of rows) {
      if ((await mailPreferences(trx, user_id)).message !== "immediately") continue;
      await queueMail(trx, { type: "message", messageId, recipientId: user_id }, `mail:message:${messageId}:${user_id}`);
    }
  }
}
