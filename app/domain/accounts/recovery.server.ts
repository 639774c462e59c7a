import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { DomainError } from "../errors";
import { queueMail } from "../mail/queue.server";
import { addressLimit, clientLimit, countMailRequest } from "./mail-limits.server";
import { hashPassword, verifyPassword } from "./passwords.server";
import { consumeToken, retireTokens, type TokenProblem } from "./tokens.server";
import { findUserByEmail, getUser } from "./users.server";

/**
 * Forgotten and changed passwords. The reset request answers the same whether or not the
 * address has an account (the route shows one message either way), and is limited per address
 * and per client whatever the answer.
 */
export async function requestPasswordReset(db: Kysely<DB>, input: { email: string; ip: string }) {
  await countMailRequest(db, [addressLimit("reset", input.email), clientLimit("reset", input.ip)]);
  const user = await findUserByEmail(db, input.email);
  if (!user) return;
  await db.transaction().execute(async (trx) => {
    await queueMail(trx, { type: "reset_password", userId: user.id });
    await recordAudit(trx, { actorId: null, action: "account.password_reset_requested", targetType: "user", targetId: user.id });
  });
}

export type ResetOutcome = { ok: true; userId: string } | { ok: false; problem: TokenProblem };

/** Sets the new password, retires every other reset link and ends every session. */
export async function resetPassword(db: Kysely<DB>, input: { token: string; password: string }): Promise<ResetOutcome> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const check = await consumeToken(trx, "reset_password", input.token);
    if (!check.ok) return check;
    const user = await getUser(trx, check.token.user_id);
    // Mailed to an address the account no longer has: whoever reads that inbox is not the owner now.
    if (user.email.toLowerCase() !== check.token.email.toLowerCase()) return { ok: false, problem: "expired" };
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", user.id).execute();
    await retireTokens(trx, user.id, "reset_password");
    await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
    // Reading the link proved the address, too.
    await trx
      .insertInto("email_verifications")
      .values({ user_id: user.id, email: user.email })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ email: user.email, verified_at: new Date() }))
      .execute();
    await recordAudit(trx, { actorId: user.id, action: "account.password_reset", targetType: "user", targetId: user.id });
    await queueMail(trx, { type: "account_notice", userId: user.id, to: user.email, change: "password_reset" });
    return { ok: true, userId: user.id };
  });
}

/** Asks for the current password; every session but this one ends. */
export async function changePassword(
  db: Kysely<DB>,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionId: string | null },
) {
  const user = await getUser(db, input.userId);
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new DomainError("That is not your current password.", 400, "currentPassword");
  }
  if (input.currentPassword === input.newPassword) {
    throw new DomainError("Choose a password different from the current one.", 400, "newPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", user.id).execute();
    let others = trx.deleteFrom("sessions").where("user_id", "=", user.id);
    if (input.keepSessionId) others = others.where("id", "!=", input.keepSessionId);
    await others.execute();
    await retireTokens(trx, user.id, "reset_password");
    await recordAudit(trx, { actorId: user.id, action: "account.password_changed", targetType: "user", targetId: user.id });
    await queueMail(trx, { type: "account_notice", userId: user.id, to: user.email, change: "password_changed" });
  });
}
