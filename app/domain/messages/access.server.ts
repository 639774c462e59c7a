import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { notFound } from "../errors";
import { can, type Actor } from "../policy.server";

type Db = Kysely<DB> | Transaction<DB>;

export async function participantIdsOf(db: Db, conversationId: string) {
  const rows = await db.selectFrom("conversation_participants").select("user_id").where("conversation_id", "=", conversationId).execute();
  return rows.map((row) => row.user_id);
}

/**
 * The conversation's participants if the actor may read it; for anyone else the conversation
 * does not exist (404), the same answer as for an id nobody ever used.
 */
export async function requireParticipant(db: Db, actor: Actor, conversationId: string) {
  const participantIds = await participantIdsOf(db, conversationId);
  if (participantIds.length === 0 || !can(actor, "messages.read", { participantIds })) throw notFound("That conversation");
  return participantIds;
}

/** Whether either of two people blocked the other. */
export async function blockedBetween(db: Db, a: string, others: string[]) {
  if (others.length === 0) return [];
  const rows = await db
    .selectFrom("user_blocks")
    .select(["blocker_id", "blocked_id"])
    .where((eb) =>
      eb.or([
        eb.and([eb("blocker_id", "=", a), eb("blocked_id", "in", others)]),
        eb.and([eb("blocked_id", "=", a), eb("blocker_id", "in", others)]),
      ]),
    )
    .execute();
  return [...new Set(rows.map((row) => (row.blocker_id === a ? row.blocked_id : row.blocker_id)))];
}
