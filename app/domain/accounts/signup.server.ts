import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { DomainError } from "../errors";
import { acceptInvitation } from "../organizations/invitations.server";
import { requestToJoin } from "../organizations/join-requests.server";
import { decoyPasswordHash, verifyPassword } from "./passwords.server";
import { loginWaitSeconds, recordLoginFailure, recordLoginSuccess } from "./throttle.server";
import { findUserByEmail, insertUser } from "./users.server";
import type { SignupInput } from "./validation";

export type SignupOutcome = "joined" | "requested" | "unaffiliated";

/**
 * Creates the account and, in the same transaction, either joins the organization through an
 * invitation or files a join request. Until one of those succeeds the account is unaffiliated.
 */
export async function signUp(db: Kysely<DB>, input: SignupInput) {
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      email: input.email,
      displayName: input.displayName,
      password: input.password,
    });
    let outcome: SignupOutcome = "unaffiliated";
    if (input.invitation) {
      await acceptInvitation(trx, { token: input.invitation, userId: user.id, email: input.email });
      outcome = "joined";
    } else if (input.organizationId) {
      await requestToJoin(trx, { userId: user.id, organizationId: input.organizationId });
      outcome = "requested";
    }
    return { user, outcome };
  });
}

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

/** The same message and the same work for an unknown email and a wrong password. */
export async function logIn(db: Kysely<DB>, input: { email: string; password: string; ip: string }) {
  const wait = await loginWaitSeconds(db, input.email, input.ip);
  if (wait > 0) {
    throw new DomainError(`Too many attempts. Try again in ${formatWait(wait)}.`, 429);
  }
  const user = await findUserByEmail(db, input.email);
  const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), input.password);
  if (!user || !user.password_hash || !valid) {
    await recordLoginFailure(db, input.email, input.ip);
    throw new DomainError(WRONG_CREDENTIALS, 400);
  }
  await recordLoginSuccess(db, input.email, input.ip);
  return user;
}

function formatWait(seconds: number) {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
