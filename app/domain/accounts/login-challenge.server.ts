import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { DomainError } from "../errors";
import { hashToken, newToken } from "../../utils/ids.server";
import { verifySecondFactor } from "./two-factor.server";
import type { SecretBox } from "./secret-box.server";

/**
 * Between a right password and the second factor there is no session, only a challenge: a
 * random token in a short-lived cookie, stored hashed, good for 10 minutes and 5 tries.
 */
export const CHALLENGE_COOKIE = "pc_2fa";
const CHALLENGE_MINUTES = 10;
const CHALLENGE_TRIES = 5;

export async function twoFactorEnabled(db: Kysely<DB>, userId: string) {
  const row = await db.selectFrom("user_two_factor").select("enabled_at").where("user_id", "=", userId).executeTakeFirst();
  return Boolean(row?.enabled_at);
}

export async function startChallenge(db: Kysely<DB>, userId: string, redirectTo: string, now = new Date()) {
  const token = newToken();
  await db.deleteFrom("two_factor_challenges").where("expires_at", "<", now).execute();
  await db
    .insertInto("two_factor_challenges")
    .values({ id_hash: hashToken(token), user_id: userId, redirect_to: redirectTo, expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000) })
    .execute();
  return token;
}

export async function findChallenge(db: Kysely<DB>, token: string | null, now = new Date()) {
  if (!token) return null;
  const row = await db.selectFrom("two_factor_challenges").selectAll().where("id_hash", "=", hashToken(token)).executeTakeFirst();
  return row && row.expires_at.getTime() > now.getTime() && row.attempts < CHALLENGE_TRIES ? row : null;
}

/** The user id and where to go when the code is right; the challenge is spent either way at the limit. */
export async function completeChallenge(db: Kysely<DB>, box: SecretBox, token: string | null, code: string) {
  const challenge = await findChallenge(db, token);
  if (!challenge) throw new DomainError("This sign-in expired. Log in again.", 400, "form");
  await db.updateTable("two_factor_challenges").set((eb) => ({ attempts: eb("attempts", "+", 1) })).where("id_hash", "=", challenge.id_hash).execute();
  await verifySecondFactor(db, box, challenge.user_id, code, { allowRecovery: true });
  await db.deleteFrom("two_factor_challenges").where("id_hash", "=", challenge.id_hash).execute();
  return { userId: challenge.user_id, redirectTo: challenge.redirect_to };
}

export function challengeCookie(token: string, secure: boolean) {
  return `${CHALLENGE_COOKIE}=${token}; Path=/login; HttpOnly; SameSite=Lax; Max-Age=${CHALLENGE_MINUTES * 60}${secure ? "; Secure" : ""}`;
}

export function clearChallengeCookie() {
  return `${CHALLENGE_COOKIE}=; Path=/login; HttpOnly; SameSite=Lax; Max-Age=0`;
}

export function readChallengeCookie(header: string | null) {
  const match = header?.match(new RegExp(`(?:^|;\\s*)${CHALLENGE_COOKIE}=([^;]+)`));
  return match ? match[1] : null;
}
