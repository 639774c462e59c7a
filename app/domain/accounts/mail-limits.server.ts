import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { DomainError } from "../errors";

/**
 * Limits on requests that send mail (password resets, verification resends), counted from the
 * `mail_requests` table so every process agrees. A request is counted whether or not the
 * address has an account, so the limit itself reveals nothing.
 */
export const MAIL_REQUEST_LIMITS = {
  /** Per email address asked about, and per account for resends. */
  perAddress: { windowMs: 3600_000, max: 3 },
  /** Per client address: slows someone walking through a list of emails. */
  perClient: { windowMs: 3600_000, max: 20 },
};

interface Limit {
  key: string;
  windowMs: number;
  max: number;
}

/** Refuses with 429 when any key is over its limit; otherwise counts the request under every key. */
export async function countMailRequest(db: Kysely<DB>, limits: Limit[], field = "email") {
  for (const limit of limits) {
    const { rows } = await sql<{ n: number; oldest: Date | null }>`
      select count(*)::int as n, min(created_at) as oldest from mail_requests
      where key = ${limit.key} and created_at > now() - ${limit.windowMs}::float8 * interval '1 millisecond'`.execute(db);
    const row = rows[0];
    if (row && Number(row.n) >= limit.max) {
      const waitMs = row.oldest ? new Date(row.oldest).getTime() + limit.windowMs - Date.now() : limit.windowMs;
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      throw new DomainError(`Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, 429, field);
    }
  }
  await db.insertInto("mail_requests").values(limits.map((limit) => ({ key: limit.key }))).execute();
}

export function addressLimit(purpose: string, address: string): Limit {
  return { key: `${purpose}:address:${address.trim().toLowerCase()}`, ...MAIL_REQUEST_LIMITS.perAddress };
}

export function clientLimit(purpose: string, ip: string): Limit {
  return { key: `${purpose}:client:${ip}`, ...MAIL_REQUEST_LIMITS.perClient };
}
