import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";

type Db = Kysely<DB> | Transaction<DB>;

export type Silence = { until: Date; reason: string };

/** The silence in force for a person now, if any. */
export async function activeSilence(db: Db, userId: string, now = new Date()): Promise<Silence | undefined> {
  const row = await db.selectNoFrom(activeSilenceColumn(userId, now).as("silence")).executeTakeFirstOrThrow();
  return silenceFrom(row.silence);
}

/**
 * The same silence as a column of another statement (the checks before a post): JSON, so its
 * time comes back as text; turn it into a Silence with silenceFrom.
 */
export const activeSilenceColumn = (userId: string, now: Date) =>
  sql<{ until: string; reason: string } | null>`(select jsonb_build_object('until', until, 'reason', reason)
    from user_silences where user_id = ${userId} and until > ${now})`;

export function silenceFrom(json: { until: string; reason: string } | null): Silence | undefined {
  return json ? { until: new Date(json.until), reason: json.reason } : undefined;
}

export function formatUntil(date: Date) {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
