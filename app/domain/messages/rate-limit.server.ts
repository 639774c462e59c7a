import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { DomainError } from "../errors";

/**
 * Messages per person, counted from the messages table so every process agrees: a burst limit
 * against floods and an hourly one against bulk unsolicited messages.
 */
export const messageLimits = [
  { windowMs: 60_000, max: 15 },
  { windowMs: 3600_000, max: 200 },
];

export async function assertMaySendMessage(db: Kysely<DB> | Transaction<DB>, userId: string, now = new Date()) {
  for (const { windowMs, max } of messageLimits) {
    const recent = await db
      .selectFrom("messages")
      .select("created_at")
      .where("author_id", "=", userId)
      .where("created_at", ">", new Date(now.getTime() - windowMs))
      .orderBy("created_at", "desc")
      .limit(max)
      .execute();
    if (recent.length >= max) {
      const oldest = new Date(recent[recent.length - 1]!.created_at);
      const seconds = Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000));
      throw new DomainError(`You are sending messages too fast. You can send again in ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`, 429, "body");
    }
  }
}
