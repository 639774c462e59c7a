import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { AccountTokenRow, TokenPurpose } from "../../../db/schema-parts/mail";
import { hashToken, newToken } from "../../utils/ids.server";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Single-use tokens mailed to people: 32 random bytes, of which only a SHA-256 is stored, so a
 * copy of the database cannot reset anyone's password. A reset is good for an hour.
 */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 48 * 3600_000,
  reset_password: 3600_000,
  change_email: 24 * 3600_000,
};

/** Why a token cannot be used; each gets its own page with a way to ask again. */
export type TokenProblem = "invalid" | "used" | "expired";

export type TokenCheck = { ok: true; token: AccountTokenRow } | { ok: false; problem: TokenProblem };

export async function issueToken(db: Db, input: { userId: string; purpose: TokenPurpose; email: string }) {
  const token = newToken();
  await db
    .insertInto("account_tokens")
    .values({
      user_id: input.userId,
      purpose: input.purpose,
      token_hash: hashToken(token),
      email: input.email,
      expires_at: sql<Date>`now() + ${TOKEN_LIFETIME_MS[input.purpose]}::float8 * interval '1 millisecond'`,
    })
    .execute();
  return token;
}

/** Looks without using: the reset page checks the link before asking for a new password. */
export async function checkToken(db: Db, purpose: TokenPurpose, token: string): Promise<TokenCheck> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, problem: "invalid" };
  const row = await db
    .selectFrom("account_tokens")
    .selectAll()
    .select(sql<boolean>`expires_at <= now()`.as("expired"))
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (!row) return { ok: false, problem: "invalid" };
  if (row.used_at) return { ok: false, problem: "used" };
  if (row.expired) return { ok: false, problem: "expired" };
  const { expired: _expired, ...rest } = row;
  return { ok: true, token: rest };
}

/**
 * Uses the token: one conditional update, so two requests racing with the same link cannot
 * both succeed. Call inside the transaction that makes the change it authorizes.
 */
export async function consumeToken(trx: Transaction<DB>, purpose: TokenPurpose, token: string): Promise<TokenCheck> {
  const check = await checkToken(trx, purpose, token);
  if (!check.ok) return check;
  const used = await trx
    .updateTable("account_tokens")
    .set({ used_at: sql`now()` })
    .where("id", "=", check.token.id)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
  return used ? { ok: true, token: used } : { ok: false, problem: "used" };
}

/** After a reset or a change of address, older links of that kind stop working too. */
export async function retireTokens(db: Db, userId: string, purpose: TokenPurpose) {
  await db
    .updateTable("account_tokens")
    .set({ used_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
}
