import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";

type Db = Kysely<DB> | Transaction<DB>;

/** Tells a member what moderation did to their content or account, in the action's transaction. */
export async function noticeTo(trx: Db, input: { userId: string; postId?: string | null; message: string; at?: Date }) {
  await trx
    .insertInto("moderation_notices")
    .values({ user_id: input.userId, post_id: input.postId ?? null, message: input.message, ...(input.at ? { created_at: input.at } : {}) })
    .execute();
}

export async function noticesFor(db: Db, userId: string, limit = 50) {
  return db
    .selectFrom("moderation_notices")
    .select(["id", "post_id", "message", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Unread notices as a query, for the page header, which gathers its counts in one statement. */
export function unreadNoticeCountQuery(db: Db, userId: string) {
  return db
    .selectFrom("moderation_notices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null);
}

export async function markNoticesRead(db: Db, userId: string, at = new Date()) {
  await db.updateTable("moderation_notices").set({ read_at: at }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}
