import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { NotificationData } from "../../../db/schema-parts/follow";
import type { SessionUser } from "../accounts/auth.server";
import { readableCouncilIds, visiblePosts } from "../policy.server";
import { isNotificationKind, notificationKinds, type NotificationKind } from "./kinds";
import { loadReaders } from "./readers.server";
import { messageNotificationScope } from "../messages/notification-scope.server";

type Db = Kysely<DB> | Transaction<DB>;

export const NOTIFICATIONS_PER_PAGE = 30;

/** Kinds that point at something other than a post (their link is in `data.href`). */
/** Kinds about no post (a mentorship, the reader's own recognition): nothing to scope. */
const POSTLESS_KINDS: NotificationKind[] = ["mentoring", "badge", "level"];

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  actorId: string | null;
  threadId: string;
  postId: string;
  /** With user and kind, names the notice for good: the same key again inserts nothing. */
  sourceKey: string;
  eventId?: number;
  data?: NotificationData;
  at?: Date;
}

/** Inserts what is new; returns how many rows were actually created. */
export async function insertNotifications(db: Db, notifications: NewNotification[]) {
  if (notifications.length === 0) return 0;
  const rows = await db
    .insertInto("notifications")
    .values(
      notifications.map((n) => ({
        user_id: n.userId,
        kind: n.kind,
        actor_id: n.actorId,
        thread_id: n.threadId,
        post_id: n.postId,
        source_key: n.sourceKey,
        event_id: n.eventId ?? null,
        data: JSON.stringify(n.data ?? {}),
        ...(n.at ? { created_at: n.at } : {}),
      })),
    )
    .onConflict((oc) => oc.columns(["user_id", "kind", "source_key"]).doNothing())
    .returning("id")
    .execute();
  return rows.length;
}

/**
 * A person's notifications as they may see them now: a post they can no longer read (moved to a
 * private category, hidden, deleted) drops out of the list and the count alike. Kinds about no
 * post (mentoring) are addressed to one of the two people concerned and stay visible to them.
 */
function visibleNotifications(db: Db, reader: SessionUser) {
  return db
    .selectFrom("notifications")
    .leftJoin("posts", "posts.id", "notifications.post_id")
    .leftJoin("threads", "threads.id", "posts.thread_id")
    .leftJoin("categories", "categories.id", "threads.category_id")
    .where("notifications.user_id", "=", reader.id)
    .where((eb) =>
      eb.or([
        eb.and([eb("notifications.post_id", "is", null), eb("notifications.kind", "in", POSTLESS_KINDS)]),
        // A council reminder names council content: shown only while the reader may enter that council.
        eb.and([eb("notifications.post_id", "is", null), eb("notifications.kind", "=", "council"), councilScope(reader)]),
        // A message notice: only while the reader is in the conversation and has not blocked the author.
        eb.and([eb("notifications.post_id", "is", null), eb("notifications.kind", "=", "message"), messageNotificationScope(reader)]),
        eb.and([
          eb("posts.deleted_at", "is", null),
          // Left joins make the columns nullable in the types; a row here has its post, thread and category.
          visiblePosts(reader)(eb as unknown as Parameters<ReturnType<typeof visiblePosts>>[0]),
        ]),
      ]),
    );
}

function councilScope(reader: SessionUser) {
  const councils = readableCouncilIds(reader);
  if (councils === "all") return sql<boolean>`true`;
  if (councils.length === 0) return sql<boolean>`false`;
  return sql<boolean>`notifications.data->>'councilId' in (${sql.join(councils)})`;
}

export async function listNotifications(db: Kysely<DB>, reader: SessionUser, requestedPage = 1) {
  const page = Math.max(1, requestedPage);
  const rows = await visibleNotifications(db, reader)
    .leftJoin("users as actors", "actors.id", "notifications.actor_id")
    .select([
      "notifications.id",
      "notifications.kind",
      "notifications.data",
      "notifications.created_at",
      "notifications.read_at",
      "notifications.post_id",
      "posts.post_number",
      "threads.id as thread_id",
      "threads.title as thread_title",
      "threads.slug as thread_slug",
      "actors.display_name as actor_name",
    ])
    .orderBy("notifications.id", "desc")
    .limit(NOTIFICATIONS_PER_PAGE + 1)
    .offset((page - 1) * NOTIFICATIONS_PER_PAGE)
    .execute();
  return { notifications: rows.slice(0, NOTIFICATIONS_PER_PAGE), page, hasMore: rows.length > NOTIFICATIONS_PER_PAGE };
}

/**
 * The bell counts up to this and then says "99+": counting every unread notice of someone with
 * thousands (each checked against what they may still read) took 24 ms of the database for every
 * reply in their thread, and every page they opened.
 */
export const UNREAD_COUNT_CAP = 100;

/** The bell's count as a query, for the page header, which gathers its counts in one statement. */
export function unreadNotificationCountQuery(db: Db, reader: SessionUser) {
  const unread = visibleNotifications(db, reader)
    .where("notifications.read_at", "is", null)
    .select(sql<number>`1`.as("one"))
    .limit(UNREAD_COUNT_CAP)
    .as("unread");
  return db.selectFrom(unread).select((eb) => eb.fn.countAll<number>().as("n"));
}

export async function unreadNotificationCount(db: Db, reader: SessionUser) {
  const row = await unreadNotificationCountQuery(db, reader).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Unread counts for several people (after a dispatch batch), each scoped as they would see it. */
export async function unreadCountsFor(db: Db, userIds: Iterable<string>) {
  const readers = await loadReaders(db, userIds);
  const counts = new Map<string, number>();
  for (const reader of readers.values()) counts.set(reader.id, await unreadNotificationCount(db, reader));
  return counts;
}

/** Marks one of the reader's own notifications read; returns its post, or null if it is not theirs to see. */
export async function markNotificationRead(db: Kysely<DB>, reader: SessionUser, id: number) {
  const row = await visibleNotifications(db, reader).select(["notifications.post_id", "notifications.data"]).where("notifications.id", "=", id).executeTakeFirst();
  if (!row) return null;
  await db
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("id", "=", id)
    .where("user_id", "=", reader.id)
    .where("read_at", "is", null)
    .execute();
  return { postId: row.post_id, ...(row.data.href ? { href: row.data.href } : {}) };
}

export async function markAllNotificationsRead(db: Kysely<DB>, reader: SessionUser) {
  await db.updateTable("notifications").set({ read_at: new Date() }).where("user_id", "=", reader.id).where("read_at", "is", null).execute();
}

export type NotificationPreferences = Record<NotificationKind, boolean>;

export async function notificationPreferences(db: Db, userId: string): Promise<NotificationPreferences> {
  const rows = await db.selectFrom("notification_preferences").select(["kind", "enabled"]).where("user_id", "=", userId).execute();
  const preferences = Object.fromEntries(notificationKinds.map((kind) => [kind, true])) as NotificationPreferences;
  for (const row of rows) if (isNotificationKind(row.kind)) preferences[row.kind] = row.enabled;
  return preferences;
}

/** Stores only what differs from the default (on), so a kind added later starts on for everyone. */
export async function setNotificationPreferences(db: Kysely<DB>, userId: string, preferences: Partial<NotificationPreferences>) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("notification_preferences").where("user_id", "=", userId).execute();
    const off = notificationKinds.filter((kind) => preferences[kind] === false);
    if (off.length) {
      await trx
        .insertInto("notification_preferences")
        .values(off.map((kind) => ({ user_id: userId, kind, enabled: false })))
        .execute();
    }
  });
}

/**
 * disabledKinds as a column of a statement over people (their id at `userIdColumn`): the
 * kinds they turned off, so a notice's recipients are read in one statement.
 */
export function disabledKindsColumn(userIdColumn: string) {
  return sql<NotificationKind[]>`(select coalesce(json_agg(np.kind), '[]'::json) from notification_preferences np
    where np.user_id = ${sql.ref(userIdColumn)} and not np.enabled)`;
}

/** For each of these people, the kinds they turned off. */
export async function disabledKinds(db: Db, userIds: string[]): Promise<Map<string, Set<NotificationKind>>> {
  const map = new Map<string, Set<NotificationKind>>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom("notification_preferences")
    .select(["user_id", "kind"])
    .where("user_id", "in", userIds)
    .where("enabled", "=", false)
    .execute();
  for (const row of rows) {
    const set = map.get(row.user_id) ?? new Set<NotificationKind>();
    set.add(row.kind);
    map.set(row.user_id, set);
  }
  return map;
}

/** Who received notifications from these events (for the after-commit count push). */
export async function recipientsOfEvents(db: Db, eventIds: number[]) {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom("notifications")
    .select("user_id")
    .distinct()
    .where("event_id", "in", eventIds)
    .execute();
  return rows.map((row) => row.user_id);
}

/**
 * For mail (docs/decisions/019-mail.md): the reader's notifications they may see now, one by id
 * or those created in a time window, scoped exactly as the notification centre scopes them.
 */
export async function visibleNotificationsForMail(db: Db, reader: SessionUser, filter: { id?: number; from?: Date; to?: Date }) {
  let query = visibleNotifications(db, reader)
    .leftJoin("users as actors", "actors.id", "notifications.actor_id")
    .select([
      "notifications.id",
      "notifications.kind",
      "notifications.data",
      "notifications.created_at",
      "notifications.read_at",
      "posts.post_number",
      "threads.title as thread_title",
      "actors.display_name as actor_name",
    ]);
  if (filter.id !== undefined) query = query.where("notifications.id", "=", filter.id);
  if (filter.from) query = query.where("notifications.created_at", ">=", filter.from);
  if (filter.to) query = query.where("notifications.created_at", "<", filter.to);
  return query.orderBy("notifications.id").limit(200).execute();
}
