import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";

/** The demo mailbox: what would have been sent, for admins to read at /admin/mail. */
export const OUTBOX_PAGE_SIZE = 50;

export async function listOutbox(db: Kysely<DB>, options: { to?: string; page?: number }) {
  const page = Math.max(1, options.page ?? 1);
  let query = db.selectFrom("mail_outbox").select(["id", "to_address", "subject", "created_at"]);
  if (options.to) query = query.where("to_address", "ilike", `%${options.to.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const rows = await query
    .orderBy("id", "desc")
    .limit(OUTBOX_PAGE_SIZE + 1)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .execute();
  return { messages: rows.slice(0, OUTBOX_PAGE_SIZE), page, hasMore: rows.length > OUTBOX_PAGE_SIZE };
}

export async function getOutboxMessage(db: Kysely<DB>, id: number) {
  return db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
