import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { authorize, can } from "../policy.server";
import { reportSchema } from "./validation";

/**
 * A participant reports a message to the moderators: a stored report (the moderation queue reads
 * message_reports) and a `messages.reported` event for notifying staff. Reporting is the one
 * way a message reaches someone outside its conversation.
 */
export async function reportMessage(db: Kysely<DB>, actor: SessionUser, raw: unknown, at = new Date()) {
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError(issue.message, 400, String(issue.path[0] ?? "form"));
  }
  const { messageId, reason } = parsed.data;
  return db.transaction().execute(async (trx) => {
    const message = await trx.selectFrom("messages").select(["id", "conversation_id", "author_id"]).where("id", "=", messageId).executeTakeFirst();
    const participants = message
      ? (await trx.selectFrom("conversation_participants").select("user_id").where("conversation_id", "=", message.conversation_id).execute()).map((r) => r.user_id)
      : [];
    if (!message || !can(actor, "messages.read", { participantIds: participants })) throw notFound("That message");
    if (message.author_id === actor.id) throw new DomainError("You cannot report your own message.", 400);
    const report = await trx
      .insertInto("message_reports")
      .values({ message_id: message.id, reporter_id: actor.id, reason, created_at: at })
      .onConflict((oc) => oc.columns(["message_id", "reporter_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!report) throw new DomainError("You reported this message already; the moderators have it.", 409);
    await appendEvent(trx, {
      type: "messages.reported",
      actorId: actor.id,
      payload: { reportId: report.id, messageId: message.id, conversationId: message.conversation_id, reporterId: actor.id },
      occurredAt: at,
    });
    return report.id;
  });
}

/** Open reports with the reported message, for moderators and admins only. */
export async function listOpenReports(db: Kysely<DB>, actor: SessionUser) {
  authorize(actor, "messages.reviewReports", undefined, { hide: true });
  return db
    .selectFrom("message_reports as r")
    .innerJoin("messages as m", "m.id", "r.message_id")
    .innerJoin("users as author", "author.id", "m.author_id")
    .innerJoin("users as reporter", "reporter.id", "r.reporter_id")
    .select([
      "r.id",
      "r.reason",
      "r.created_at",
      "m.body_html",
      "m.created_at as sent_at",
      "author.display_name as author_name",
      "author.handle as author_handle",
      "reporter.display_name as reporter_name",
    ])
    .where("r.resolved_at", "is", null)
    .orderBy("r.created_at")
    .limit(100)
    .execute();
}

export async function openReportCount(db: Kysely<DB>) {
  const row = await db.selectFrom("message_reports").select((eb) => eb.fn.countAll<number>().as("n")).where("resolved_at", "is", null).executeTakeFirstOrThrow();
  return Number(row.n);
}
