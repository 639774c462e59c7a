import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { newId } from "../../utils/ids.server";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import type { RenderMarkdown } from "../forum/rendering";
import { authorize } from "../policy.server";
import { blockedBetween, requireParticipant } from "./access.server";
import { mutersAmong } from "../account-data/mutes.server";
import { assertMaySendMessage } from "./rate-limit.server";
import { newConversationSchema, replySchema } from "./validation";

function firstIssue(error: { issues: { message: string; path: PropertyKey[] }[] }): never {
  const issue = error.issues[0]!;
  throw new DomainError(issue.message, 400, String(issue.path[0] ?? "form"));
}

/**
 * Starts a conversation with one or more people (by handle), or continues the existing one-to-one
 * conversation with that person, so two people have one thread of messages between them.
 */
export async function startConversation(db: Kysely<DB>, input: { actor: SessionUser; raw: unknown; render: RenderMarkdown; at?: Date }) {
  const { actor } = input;
  authorize(actor, "messages.send", undefined);
  const parsed = newConversationSchema.safeParse(input.raw);
  if (!parsed.success) firstIssue(parsed.error);
  const { to, body } = parsed.data;
  const recipients = await db
    .selectFrom("users")
    .select(["id", "handle", "display_name"])
    .where((eb) => eb(eb.fn("lower", ["handle"]), "in", to))
    .where("deleted_at", "is", null)
    .execute();
  const missing = to.filter((handle) => !recipients.some((r) => r.handle.toLowerCase() === handle));
  if (missing.length) throw new DomainError(`Nobody has the handle @${missing[0]}.`, 400, "to");
  if (recipients.some((r) => r.id === actor.id)) throw new DomainError("Leave yourself out: you are in the conversation already.", 400, "to");
  // Someone who muted the actor refuses with the same words as a block: a mute is not announced.
  const muters = await mutersAmong(db, actor.id, recipients.map((r) => r.id));
  const blocked = [...(await blockedBetween(db, actor.id, recipients.map((r) => r.id))), ...muters];
  if (blocked.length) {
    const name = recipients.find((r) => r.id === blocked[0])!.display_name;
    throw new DomainError(`You cannot message ${name}.`, 403, "to");
  }
  const rendered = await input.render(body);
  const now = input.at ?? new Date();
  return db.transaction().execute(async (trx) => {
    await assertMaySendMessage(trx, actor.id, now);
    const existing = recipients.length === 1 ? await oneToOne(trx, actor.id, recipients[0]!.id) : null;
    const conversationId = existing ?? newId();
    if (!existing) {
      await trx.insertInto("conversations").values({ id: conversationId, created_by: actor.id, created_at: now, last_message_at: now }).execute();
      await trx
        .insertInto("conversation_participants")
        .values([actor.id, ...recipients.map((r) => r.id)].map((userId) => ({ conversation_id: conversationId, user_id: userId, joined_at: now })))
        .execute();
    }
    const messageId = await insertMessage(trx, { conversationId, authorId: actor.id, body, html: rendered.html, at: now });
    return { conversationId, messageId };
  });
}

/** A message in a conversation the actor is part of; in a one-to-one, a block or the other's mute stops it. */
export async function sendMessage(db: Kysely<DB>, input: { actor: SessionUser; conversationId: string; raw: unknown; render: RenderMarkdown; at?: Date }) {
  const { actor, conversationId } = input;
  const participantIds = await requireParticipant(db, actor, conversationId);
  authorize(actor, "messages.send", undefined);
  const parsed = replySchema.safeParse(input.raw);
  if (!parsed.success) firstIssue(parsed.error);
  const others = participantIds.filter((id) => id !== actor.id);
  if (others.length === 1 && ((await blockedBetween(db, actor.id, others)).length || (await mutersAmong(db, actor.id, others)).size)) {
    throw new DomainError("You cannot message this person.", 403, "body");
  }
  const rendered = await input.render(parsed.data.body);
  const now = input.at ?? new Date();
  return db.transaction().execute(async (trx) => {
    await assertMaySendMessage(trx, actor.id, now);
    const messageId = await insertMessage(trx, { conversationId, authorId: actor.id, body: parsed.data.body, html: rendered.html, at: now });
    return { conversationId, messageId };
  });
}

async function insertMessage(trx: Transaction<DB>, input: { conversationId: string; authorId: string; body: string; html: string; at: Date }) {
  const messageId = newId();
  await trx
    .insertInto("messages")
    .values({ id: messageId, conversation_id: input.conversationId, author_id: input.authorId, body_source: input.body, body_html: input.html, created_at: input.at })
    .execute();
  await trx.updateTable("conversations").set({ last_message_at: input.at }).where("id", "=", input.conversationId).execute();
  // Your own message is read by you.
  await trx
    .updateTable("conversation_participants")
    .set({ last_read_at: input.at })
    .where("conversation_id", "=", input.conversationId)
    .where("user_id", "=", input.authorId)
    .execute();
  await appendEvent(trx, {
    type: "messages.sent",
    actorId: input.authorId,
    payload: { conversationId: input.conversationId, messageId, authorId: input.authorId },
    occurredAt: input.at,
  });
  return messageId;
}

/** The conversation that has exactly these two people in it, if there is one. */
async function oneToOne(trx: Transaction<DB>, a: string, b: string) {
  const row = await trx
    .selectFrom("conversation_participants")
    .select("conversation_id")
    .where("conversation_id", "in", (eb) => eb.selectFrom("conversation_participants").select("conversation_id").where("user_id", "=", a))
    .groupBy("conversation_id")
    .having(sql<boolean>`count(*) = 2 and bool_and(user_id in (${a}, ${b}))`)
    .executeTakeFirst();
  return row?.conversation_id ?? null;
}
