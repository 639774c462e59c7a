import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";

type Db = Kysely<DB> | Transaction<DB>;

/** The silence in force for a person now, if any. */
export async function activeSilence(db: Db, userId: string, now = new Date()) {
  return db
    .selectFrom("user_silences")
    .select(["until", "reason"])
    .where("user_id", "=", userId)
    .where("until", ">", now)
    .executeTakeFirst();
}

export function formatUntil(date: Date) {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
