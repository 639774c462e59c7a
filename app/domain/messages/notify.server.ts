import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { DispatchedEvent } from "../events/catalogue";
import { disabledKinds } from "../follow/notifications.server";

type Db = Kysely<DB> | Transaction<DB>;

/** The events that notify direct-message recipients. */
export const messageNotifyingEvents: ReadonlySet<string> = new Set(["messages.sent"]);

/**
 * A direct message to notification-centre rows for the other participants, in the dispatcher's
 * transaction (docs/decisions/017-organization-recognition.md, section on messages).
 *
 * - One row per person and conversation (`conversation:<id>`): a new message replaces the older
 *   row, so the bell counts conversations with news, as the Messages badge does, and the row
 *   moves to the top. Only an older event replaces it, so a redelivered event changes nothing.
 * - Never the message's words: the row says who wrote and links to the conversation, which only
 *   its participants can open. Messages are read on the conversation page, through its policy.
 * - Not for whoever muted the conversation, blocked or muted the author, or turned "message" off.
 */
export async function notifyMessageEvent(trx: Transaction<DB>, event: DispatchedEvent): Promise<number> {
  if (event.type !== "messages.sent") return 0;
  const { conversationId, authorId } = event.payload;
  const [author, recipients] = await Promise.all([
    trx.selectFrom("users").select("display_name").where("id", "=", authorId).executeTakeFirst(),
    trx
      .selectFrom("conversation_participants as cp")
      .select("cp.user_id")
      .select(sql<number>`(select count(*)::int from conversation_participants o where o.conversation_id = cp.conversation_id)`.as("size"))
      .where("cp.conversation_id", "=", conversationId)
      .where("cp.user_id", "<>", authorId)
      .where("cp.muted", "=", false)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("user_blocks as b").select("b.blocker_id").whereRef("b.blocker_id", "=", "cp.user_id").where("b.blocked_id", "=", authorId))),
      )
      // Nor for whoever muted the author (decision 023): in a group, their messages stay silent.
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("user_mutes as um").select("um.muter_id").whereRef("um.muter_id", "=", "cp.user_id").where("um.muted_id", "=", authorId))),
      )
      .execute(),
  ]);
  if (!author || recipients.length === 0) return 0;
  const off = await disabledKinds(trx, recipients.map((r) => r.user_id));
  const wanted = recipients.filter((r) => !off.get(r.user_id)?.has("message"));
  if (wanted.length === 0) return 0;
  const sourceKey = `conversation:${conversationId}`;
  const text = wanted[0]!.size > 2 ? `${author.display_name} wrote in a group conversation` : `${author.display_name} sent you a message`;
  await trx
    .deleteFrom("notifications")
    .where("user_id", "in", wanted.map((r) => r.user_id))
    .where("kind", "=", "message")
    .where("source_key", "=", sourceKey)
    .where((eb) => eb.or([eb("event_id", "is", null), eb("event_id", "<", event.id)]))
    .execute();
  const rows = await trx
    .insertInto("notifications")
    .values(
      wanted.map((r) => ({
        user_id: r.user_id,
        kind: "message" as const,
        actor_id: authorId,
        thread_id: null,
        post_id: null,
        data: JSON.stringify({ text, href: `/messages/${conversationId}`, conversationId }),
        source_key: sourceKey,
        event_id: event.id,
        created_at: event.occurredAt,
      })),
    )
    .onConflict((oc) => oc.columns(["user_id", "kind", "source_key"]).doNothing())
    .returning("id")
    .execute();
  return rows.length;
}

/** Opening a conversation reads its notification too. */
export async function markMessageNotificationRead(db: Db, userId: string, conversationId: string, at: Date) {
  await db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("user_id", "=", userId)
    .where("kind", "=", "message")
    .where("source_key", "=", `conversation:${conversationId}`)
    .where("read_at", "is", null)
    .execute();
}
