import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { verifyPassword } from "../accounts/passwords.server";
import { recordAudit } from "../audit.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { queueMail } from "../mail/queue.server";
import { authorize } from "../policy.server";
import { removeOwnPosts } from "./remove-posts.server";
import { DELETE_CONFIRMATION, RECENT_SIGN_IN_MINUTES } from "./validation";

export const FORMER_MEMBER = "Former member";

export interface DeleteAccountInput {
  password: string;
  confirmation: string;
  removePosts: boolean;
  /** The session asking: for an account without a password, it must be fresh. */
  sessionId: string | null;
  now?: Date;
}

/**
 * Deletes the actor's account (docs/decisions/023): the users row stays, anonymized, so posts,
 * ledger rows and audit entries keep a referent; everything personal goes, in one transaction.
 * Posts stay under "Former member" unless `removePosts`. No recognition is reversed: the
 * organization keeps what its member earned.
 */
export async function deleteAccount(db: Kysely<DB>, actor: SessionUser, input: DeleteAccountInput) {
  authorize(actor, "account.delete", undefined);
  const now = input.now ?? new Date();
  if (input.confirmation.trim() !== DELETE_CONFIRMATION) {
    throw new DomainError(`Type ${DELETE_CONFIRMATION} to confirm.`, 400, "confirmation");
  }
  const user = await db.selectFrom("users").select(["id", "email", "password_hash", "organization_id", "deleted_at"]).where("id", "=", actor.id).executeTakeFirst();
  if (!user || user.deleted_at) throw new DomainError("This account was deleted already.", 404);
  await proveItIsThem(db, user.password_hash, input, now);

  return db.transaction().execute(async (trx) => {
    // Locks the row: a second deletion (another tab) waits, then finds it done.
    const locked = await trx.selectFrom("users").select("deleted_at").where("id", "=", user.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.deleted_at) throw new DomainError("This account was deleted already.", 404);
    const removedPosts = input.removePosts ? await removeOwnPosts(trx, user.id, now) : 0;
    await erasePersonalData(trx, user.id, now);
    await trx
      .updateTable("users")
      .set({
        email: `deleted-${user.id}@deleted.invalid`,
        handle: `former-member-${crypto.randomBytes(5).toString("hex")}`,
        display_name: FORMER_MEMBER,
        password_hash: null,
        role: "member",
        organization_id: null,
        title: "",
        bio: "",
        time_zone: "UTC",
        languages: [],
        expertise: [],
        region: null,
        suspension_reason: null,
        deleted_at: now,
        updated_at: now,
      })
      .where("id", "=", user.id)
      .execute();
    // The engine stops crediting them; what they earned stays with the organization's totals.
    if (user.organization_id !== null) {
      await appendEvent(trx, { type: "organization.member_left", actorId: user.id, occurredAt: now, payload: { userId: user.id, organizationId: user.organization_id } });
    }
    await appendEvent(trx, { type: "user.account_deleted", actorId: user.id, occurredAt: now, payload: { userId: user.id, postsRemoved: input.removePosts } });
    await recordAudit(trx, { actorId: user.id, action: "account.deleted", targetType: "user", targetId: user.id, after: { postsRemoved: input.removePosts, removedPosts } });
    await queueMail(trx, { type: "account_notice", userId: user.id, to: user.email, change: "account_deleted" });
    return { removedPosts };
  });
}

async function proveItIsThem(db: Kysely<DB>, passwordHash: string | null, input: DeleteAccountInput, now: Date) {
  if (passwordHash) {
    if (!input.password || !(await verifyPassword(passwordHash, input.password))) {
      throw new DomainError("That is not your password.", 400, "password");
    }
    return;
  }
  const session = input.sessionId
    ? await db.selectFrom("sessions").select("created_at").where("id", "=", input.sessionId).executeTakeFirst()
    : undefined;
  if (!session || now.getTime() - new Date(session.created_at).getTime() > RECENT_SIGN_IN_MINUTES * 60_000) {
    throw new DomainError(`Your account signs in through single sign-on: sign out, sign in again, and delete it within ${RECENT_SIGN_IN_MINUTES} minutes.`, 403, "password");
  }
}

/** Every row that is about the person rather than about what others did with them. */
async function erasePersonalData(trx: Transaction<DB>, userId: string, now: Date) {
  const own = (table: OwnedTable) => trx.deleteFrom(table).where("user_id", "=", userId).execute();
  for (const table of OWNED_TABLES) await own(table);
  await trx.deleteFrom("user_follows").where((eb) => eb.or([eb("follower_id", "=", userId), eb("followee_id", "=", userId)])).execute();
  await trx.deleteFrom("organization_follows").where("follower_id", "=", userId).execute();
  await trx.deleteFrom("user_mutes").where((eb) => eb.or([eb("muter_id", "=", userId), eb("muted_id", "=", userId)])).execute();
  await trx.deleteFrom("user_blocks").where((eb) => eb.or([eb("blocker_id", "=", userId), eb("blocked_id", "=", userId)])).execute();
  await trx.deleteFrom("join_requests").where("user_id", "=", userId).where("status", "=", "pending").execute();
  // Requests nobody answered yet end; running mentorships stay for the other person's record.
  await trx
    .updateTable("mentorships")
    .set({ status: "withdrawn" })
    .where((eb) => eb.or([eb("mentor_id", "=", userId), eb("mentee_id", "=", userId)]))
    .where("status", "=", "requested")
    .execute();
  await trx.updateTable("uploads").set({ removed_at: now }).where("uploader_id", "=", userId).where("kind", "=", "avatar").where("removed_at", "is", null).execute();
  // Council seats end now, as a removal does; the roster keeps the history, anonymized.
  await trx.updateTable("council_members").set({ ended_at: now, end_reason: "removed" }).where("user_id", "=", userId).where("ended_at", "is", null).execute();
}

const OWNED_TABLES = [
  "sessions",
  "user_two_factor",
  "user_recovery_codes",
  "two_factor_challenges",
  "oidc_identities",
  "account_tokens",
  "email_verifications",
  "mail_preferences",
  "notification_preferences",
  "notifications",
  "mentor_profiles",
  "drafts",
  "bookmarks",
  "thread_watches",
  "category_watches",
  "thread_reads",
  "external_identities",
] as const;
type OwnedTable = (typeof OWNED_TABLES)[number];
