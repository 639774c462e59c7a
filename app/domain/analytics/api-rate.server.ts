import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";

/** Calls per key and minute; enough for a nightly sync, low enough that a leaked key cannot flood the outbox. */
export const DEFAULT_RATE_PER_MINUTE = 120;
const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows in `api_rate_windows`, so every app process counts the same calls.
 * The count is one upsert (no read-then-write race); a key's windows older than an hour are
 * cleared when it opens a new one.
 */
export async function checkRateLimit(db: Kysely<DB>, keyId: number, now: Date, limit: number) {
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const row = await db
    .insertInto("api_rate_windows")
    .values({ api_key_id: keyId, window_start: windowStart, requests: 1 })
    .onConflict((oc) => oc.columns(["api_key_id", "window_start"]).doUpdateSet({ requests: sql`api_rate_windows.requests + 1` }))
    .returning("requests")
    .executeTakeFirstOrThrow();
  if (row.requests === 1) {
    await db
      .deleteFrom("api_rate_windows")
      .where("api_key_id", "=", keyId)
      .where("window_start", "<", new Date(windowStart.getTime() - 60 * WINDOW_MS))
      .execute();
  }
  if (row.requests <= limit) return { ok: true as const };
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
  return { ok: false as const, limit, retryAfter };
}
