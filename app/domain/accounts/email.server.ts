import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { DomainError } from "../errors";
import { queueMail } from "../mail/queue.server";
import { addressLimit, clientLimit, countMailRequest } from "./mail-limits.server";
import { verifyPassword } from "./passwords.server";
import { consumeToken, retireTokens, type TokenProblem } from "./tokens.server";
import { findUserByEmail, getUser } from "./users.server";

/**
 * Proving an address: at sign-up, on request, and when changing it. An address is verified
 * while `email_verifications` holds that very address for the person, so a change un-verifies
 * until the new address is confirmed.
 */
/**
 * Whether the person's current address is verified, as a column of a statement that has their
 * id at `userIdColumn` (a mail job reads it with what it mails about).
 */
export const emailVerifiedColumn = (userIdColumn: string) =>
  sql<boolean>`exists (select 1 from email_verifications inner join users on users.id = email_verifications.user_id
    where email_verifications.user_id = ${sql.ref(userIdColumn)} and email_verifications.email = users.email)`;

export async function isEmailVerified(db: Kysely<DB>, userId: string) {
  const row = await db
    .selectFrom("email_verifications")
    .innerJoin("users", "users.id", "email_verifications.user_id")
    .select("email_verifications.user_id")
    .where("email_verifications.user_id", "=", userId)
    .whereRef("email_verifications.email", "=", "users.email")
    .executeTakeFirst();
  return Boolean(row);
}

/** Sign-up calls this with no limit (one mail per new account); a resend is limited. */
export async function sendVerification(db: Kysely<DB>, userId: string, limitFor?: { ip: string }) {
  if (limitFor) {
    const user = await getUser(db, userId);
    await countMailRequest(db, [addressLimit("verify", user.email), clientLimit("verify", limitFor.ip)], "form");
  }
  await queueMail(db, { type: "verify_email", userId });
}

export type VerifyOutcome = { ok: true; userId: string } | { ok: false; problem: TokenProblem };

export async function verifyEmail(db: Kysely<DB>, token: string): Promise<VerifyOutcome> {
  return db.transaction().execute(async (trx) => {
    const check = await consumeToken(trx, "verify_email", token);
    if (!check.ok) return check;
    const user = await getUser(trx, check.token.user_id);
    // The address changed after this link was mailed: it proves nothing about the current one.
    if (user.email.toLowerCase() !== check.token.email.toLowerCase()) return { ok: false, problem: "expired" };
    await trx
      .insertInto("email_verifications")
      .values({ user_id: user.id, email: user.email })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ email: user.email, verified_at: new Date() }))
      .execute();
    await recordAudit(trx, { actorId: user.id, action: "account.email_verified", targetType: "user", targetId: user.id, after: { email: user.email } });
    return { ok: true, userId: user.id };
  });
}

/** Asks for the password again, then mails a link to the new address; the old one hears of it. */
export async function requestEmailChange(
  db: Kysely<DB>,
  input: { userId: string; password: string; newEmail: string; ip: string },
) {
  const user = await getUser(db, input.userId);
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.password))) {
    throw new DomainError("That is not your current password.", 400, "password");
  }
  if (user.email.toLowerCase() === input.newEmail.toLowerCase()) {
    throw new DomainError("That is already your email address.", 400, "email");
  }
  await countMailRequest(db, [addressLimit("change-email", user.id), clientLimit("change-email", input.ip)], "email");
  if (await findUserByEmail(db, input.newEmail)) {
    throw new DomainError("Another account uses that email address.", 400, "email");
  }
  await db.transaction().execute(async (trx) => {
    await queueMail(trx, { type: "change_email", userId: user.id, newEmail: input.newEmail.trim() });
    await queueMail(trx, { type: "account_notice", userId: user.id, to: user.email, change: "email_change_requested" });
    await recordAudit(trx, {
      actorId: user.id,
      action: "account.email_change_requested",
      targetType: "user",
      targetId: user.id,
      after: { email: input.newEmail.trim() },
    });
  });
}

export type EmailChangeOutcome = { ok: true; userId: string; email: string } | { ok: false; problem: TokenProblem | "taken" };

/** The link from the new address: the change happens, the new address counts as verified. */
export async function confirmEmailChange(db: Kysely<DB>, token: string): Promise<EmailChangeOutcome> {
  return db.transaction().execute(async (trx) => {
    const check = await consumeToken(trx, "change_email", token);
    if (!check.ok) return check;
    const user = await getUser(trx, check.token.user_id);
    const newEmail = check.token.email;
    const owner = await findUserByEmail(trx, newEmail);
    if (owner && owner.id !== user.id) return { ok: false, problem: "taken" };
    await trx.updateTable("users").set({ email: newEmail, updated_at: new Date() }).where("id", "=", user.id).execute();
    await trx
      .insertInto("email_verifications")
      .values({ user_id: user.id, email: newEmail })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ email: newEmail, verified_at: new Date() }))
      .execute();
    await retireTokens(trx, user.id, "change_email");
    await retireTokens(trx, user.id, "reset_password");
    await recordAudit(trx, {
      actorId: user.id,
      action: "account.email_changed",
      targetType: "user",
      targetId: user.id,
      before: { email: user.email },
      after: { email: newEmail },
    });
    await queueMail(trx, { type: "account_notice", userId: user.id, to: user.email, change: "email_changed" });
    return { ok: true, userId: user.id, email: newEmail };
  });
}
