import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { unreadNoticeCount } from "./notices.server";

/** For the layout: the signed-in person's suspension and unread moderation notices. */
export async function moderationStatus(db: Kysely<DB>, user: SessionUser | null) {
  if (!user) return null;
  const row = await db.selectFrom("users").select(["suspended_until", "suspension_reason"]).where("id", "=", user.id).executeTakeFirst();
  return {
    suspendedUntil: row?.suspended_until ? new Date(row.suspended_until).toISOString() : null,
    suspensionReason: row?.suspension_reason ?? null,
    unreadNotices: await unreadNoticeCount(db, user.id),
  };
}
