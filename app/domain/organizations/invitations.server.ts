import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { hashToken, newToken } from "../../utils/ids.server";
import { DomainError } from "../errors";
import { addMember } from "./organizations.server";

const INVITATION_DAYS = 14;

/** Returns the raw token once; only its hash is stored, so a database leak reveals no links. */
export async function createInvitation(
  db: Kysely<DB>,
  input: { organizationId: number; createdBy: string; email?: string | null; now?: Date },
) {
  const token = newToken();
  const now = input.now ?? new Date();
  const invitation = await db
    .insertInto("invitations")
    .values({
      organization_id: input.organizationId,
      token_hash: hashToken(token),
      email: input.email?.trim() || null,
      created_by: input.createdBy,
      expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, invitation };
}

/** The organization an invitation link leads to, or null when the link is unknown, used, revoked or expired. */
export async function findUsableInvitation(db: Kysely<DB> | Transaction<DB>, token: string, now = new Date()) {
  if (!token) return null;
  return (
    (await db
      .selectFrom("invitations")
      .innerJoin("organizations", "organizations.id", "invitations.organization_id")
      .select([
        "invitations.id",
        "invitations.email",
        "invitations.organization_id",
        "organizations.name as organization_name",
        "organizations.slug as organization_slug",
      ])
      .where("invitations.token_hash", "=", hashToken(token))
      .where("invitations.accepted_at", "is", null)
      .where("invitations.revoked_at", "is", null)
      .where("invitations.expires_at", ">", now)
      .executeTakeFirst()) ?? null
  );
}

export async function acceptInvitation(
  trx: Transaction<DB>,
  input: { token: string; userId: string; email: string },
) {
  const invitation = await findUsableInvitation(trx, input.token);
  if (!invitation) {
    throw new DomainError("This invitation link has expired or was already used. Ask for a new one.", 400, "invitation");
  }
  if (invitation.email && invitation.email.toLowerCase() !== input.email.trim().toLowerCase()) {
    throw new DomainError(`This invitation is for ${invitation.email}. Sign up with that address.`, 400, "email");
  }
  // The accepted_at guard makes a link single-use even when two sign-ups race on it.
  const claimed = await trx
    .updateTable("invitations")
    .set({ accepted_by: input.userId, accepted_at: new Date() })
    .where("id", "=", invitation.id)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) {
    throw new DomainError("This invitation link was just used. Ask for a new one.", 409, "invitation");
  }
  await addMember(trx, {
    userId: input.userId,
    organizationId: invitation.organization_id,
    via: "invitation",
    actorId: input.userId,
  });
  return invitation;
}

export async function listOpenInvitations(db: Kysely<DB>, organizationId: number, now = new Date()) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "created_at", "expires_at"])
    .where("organization_id", "=", organizationId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .execute();
}

export async function revokeInvitation(db: Kysely<DB>, organizationId: number, invitationId: number) {
  await db
    .updateTable("invitations")
    .set({ revoked_at: new Date() })
    .where("id", "=", invitationId)
    .where("organization_id", "=", organizationId)
    .execute();
}
