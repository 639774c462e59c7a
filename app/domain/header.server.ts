import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import type { SessionUser } from "./accounts/auth.server";
import { unreadNotificationCountQuery } from "./follow/notifications.server";
import { unreadConversationCountQuery } from "./messages/inbox.server";
import { unreadNoticeCountQuery } from "./moderation/notices.server";
import { moderationStatus } from "./moderation/status.server";
import { headerRecognition } from "./recognition/explain.server";
import { avatarIdColumn } from "./uploads/avatars.server";
import { openQueueCount } from "./moderation/queue-view.server";
import { can, readableCouncilIds } from "./policy.server";
import type { HeaderUser } from "../components/layout";
import type { NotificationCounter } from "../components/follow/notification-bell";

/**
 * Everything the site header shows a viewer (root loader). For a page rendered for an audience
 * (`shared`, decision 043) the viewer is the audience's stand-in: the header is signed in, with
 * the links the role has, and nobody's name, picture or counts until the browser personalizes it.
 */
export async function viewerHeader(db: Kysely<DB>, viewer: SessionUser | null, options: { shared?: boolean } = {}) {
  const shared = options.shared ?? false;
  // One statement for the viewer's counts (the review queue only for reviewers).
  const [header, reviewCount] = await Promise.all([viewer && !shared ? headerState(db, viewer) : null, openQueueCount(db, viewer)]);
  const user: HeaderUser | null = viewer
    ? {
        id: viewer.id,
        displayName: shared ? "Your account" : viewer.displayName,
        handle: viewer.handle,
        role: viewer.role,
        organizationId: viewer.organizationId,
        avatarId: header?.avatarId ?? null,
        councils: can(viewer, "council.manage") || readableCouncilIds(viewer).length > 0,
        shared: shared || undefined,
      }
    : null;
  // A new object on every load: the bell resets to it (components/follow/notification-bell.tsx).
  const notifications: NotificationCounter | null = header ? { unread: header.unreadNotifications } : null;
  const messages = header ? { unread: header.unreadConversations } : null;
  return { user, notifications, messages, reviewCount, moderation: header?.moderation ?? null, recognition: header?.recognition ?? null };
}

/**
 * What every signed-in page's header shows about the viewer, read in one statement: each domain
 * still owns its count (and its visibility rules); they only travel together, because a page paid
 * a round trip per count before, six of the twenty-odd statements of a thread page.
 */
export async function headerState(db: Kysely<DB>, viewer: SessionUser) {
  const row = await db
    .selectFrom("users")
    .leftJoin("recognition_profiles as profile", "profile.user_id", "users.id")
    .select([
      "users.suspended_until",
      "users.suspension_reason",
      "profile.points",
      "profile.level",
      "profile.version",
      avatarIdColumn("users.id").as("avatar_id"),
      unreadNotificationCountQuery(db, viewer).as("unread_notifications"),
      unreadConversationCountQuery(db, viewer.id).as("unread_conversations"),
      unreadNoticeCountQuery(db, viewer.id).as("unread_notices"),
    ])
    .where("users.id", "=", viewer.id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    avatarId: row.avatar_id,
    unreadNotifications: Number(row.unread_notifications ?? 0),
    unreadConversations: Number(row.unread_conversations ?? 0),
    moderation: moderationStatus(row),
    recognition: headerRecognition(row),
  };
}
