import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { requireParticipant } from "./access.server";
import { markMessageNotificationRead } from "./notify.server";

const MESSAGES_SHOWN = 200;

/**
 * Unread for a person: messages from others, after their last read, not from someone they
 * blocked. `counted` leaves muted conversations out (the header badge and live pushes).
 */
function unreadMessages(userId: string) {
  return sql<number>`(select count(*)::int from messages m
    where m.conversation_id = cp.conversation_id and m.author_id <> ${userId}
      and m.created_at > coalesce(cp.last_read_at, '-infinity'::timestamptz)
      and not exists (select 1 from user_blocks b where b.blocker_id = ${userId} and b.blocked_id = m.author_id))`;
}

export async function listConversations(db: Kysely<DB>, actor: SessionUser) {
  const rows = await db
    .selectFrom("conversation_participants as cp")
    .innerJoin("conversations as c", "c.id", "cp.conversation_id")
    .select([
      "c.id",
      "c.last_message_at",
      "cp.muted",
      unreadMessages(actor.id).as("unread"),
      sql<string[]>`array(select u.display_name from conversation_participants o join users u on u.id = o.user_id
        where o.conversation_id = c.id and o.user_id <> ${actor.id} order by u.display_name)`.as("others"),
    ])
    .where("cp.user_id", "=", actor.id)
    .orderBy("c.last_message_at", "desc")
    .limit(100)
    .execute();
  return rows;
}

/** How many conversations have unread messages, muted ones left out: the header badge. */
export async function unreadConversationCount(db: Kysely<DB>, userId: string) {
  const row = await unreadConversationCountQuery(db, userId).executeTakeFirstOrThrow();
  return row.n;
}

/** The same count as a query, for the page header, which gathers its counts in one statement. */
export function unreadConversationCountQuery(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("conversation_participants as cp")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("cp.user_id", "=", userId)
    .where("cp.muted", "=", false)
    .where(sql<boolean>`${unreadMessages(userId)} > 0`);
}

export async function unreadCountsFor(db: Kysely<DB>, userIds: string[]) {
  const counts = new Map<string, number>();
  for (const userId of userIds) counts.set(userId, await unreadConversationCount(db, userId));
  return counts;
}

/** A conversation as one participant sees it: messages from people they blocked are left out. */
export async function getConversation(db: Kysely<DB>, actor: SessionUser, conversationId: string) {
  await requireParticipant(db, actor, conversationId);
  const [participants, messages, own] = await Promise.all([
    db
      .selectFrom("conversation_participants as cp")
      .innerJoin("users as u", "u.id", "cp.user_id")
      .select(["u.id", "u.handle", "u.display_name"])
      .select(sql<boolean>`exists (select 1 from user_blocks b where b.blocker_id = ${actor.id} and b.blocked_id = u.id)`.as("blocked"))
      .where("cp.conversation_id", "=", conversationId)
      .orderBy("u.display_name")
      .execute(),
    db
      .selectFrom("messages as m")
      .innerJoin("users as u", "u.id", "m.author_id")
      .select(["m.id", "m.author_id", "m.body_html", "m.created_at", "u.display_name as author_name", "u.handle as author_handle"])
      // A deleted account's messages stay, under "Former member", with no profile to link to (decision 023).
      .select(sql<boolean>`u.deleted_at is not null`.as("author_deleted"))
      .where("m.conversation_id", "=", conversationId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("user_blocks as b").select("b.blocker_id").where("b.blocker_id", "=", actor.id).whereRef("b.blocked_id", "=", "m.author_id"))),
      )
      .orderBy("m.created_at", "desc")
      .orderBy("m.id", "desc")
      .limit(MESSAGES_SHOWN)
      .execute(),
    db.selectFrom("conversation_participants").select(["muted", "last_read_at"]).where("conversation_id", "=", conversationId).where("user_id", "=", actor.id).executeTakeFirstOrThrow(),
  ]);
  return { id: conversationId, participants, messages: messages.reverse(), muted: own.muted, lastReadAt: own.last_read_at };
}

export async function markRead(db: Kysely<DB>, actor: SessionUser, conversationId: string, at = new Date()) {
  await requireParticipant(db, actor, conversationId);
  await markMessageNotificationRead(db, actor.id, conversationId, at);
  await db
    .updateTable("conversation_participants")
    .set({ last_read_at: at })
    .where("conversation_id", "=", conversationId)
    .where("user_id", "=", actor.id)
    .where((eb) => eb.or([eb("last_read_at", "is", null), eb("last_read_at", "<", at)]))
    .execute();
}

/** Muted: no badge and no live count for this conversation; messages still arrive. */
export async function setMuted(db: Kysely<DB>, actor: SessionUser, conversationId: string, muted: boolean) {
  await requireParticipant(db, actor, conversationId);
  await db.updateTable("conversation_participants").set({ muted }).where("conversation_id", "=", conversationId).where("user_id", "=", actor.id).execute();
}
