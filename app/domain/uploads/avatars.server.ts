import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import type { UploadStorage } from "./storage.server";

/**
 * A person's avatar is their one live upload of kind 'avatar' (a unique index keeps it one).
 * storeUpload(kind 'avatar') sets or replaces it; these read and remove it.
 */
export async function removeAvatar(db: Kysely<DB>, storage: UploadStorage, actor: SessionUser, now = new Date()) {
  const removed = await db
    .updateTable("uploads")
    .set({ removed_at: now })
    .where("uploader_id", "=", actor.id)
    .where("kind", "=", "avatar")
    .where("removed_at", "is", null)
    .returning("id")
    .execute();
  await Promise.all(removed.map((row) => storage.remove(row.id)));
  return removed.length > 0;
}

export async function avatarIdOfUser(db: Kysely<DB>, userId: string): Promise<string | null> {
  return (await avatarIdsOf(db, [userId])).get(userId) ?? null;
}

/** Avatar upload ids by user id, for a page of people in one query; users without one are absent. */
export async function avatarIdsOf(db: Kysely<DB>, userIds: string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom("uploads")
    .select(["uploader_id", "id"])
    .where("uploader_id", "in", [...new Set(userIds)])
    .where("kind", "=", "avatar")
    .where("removed_at", "is", null)
    .execute();
  return new Map(rows.map((row) => [row.uploader_id, row.id]));
}

/**
 * The same as a column, for queries that already have the user's id:
 * `.select(avatarIdColumn("users.id").as("author_avatar_id"))`.
 */
export function avatarIdColumn(userIdReference: string) {
  return sql<string | null>`(select uploads.id from uploads where uploads.uploader_id = ${sql.ref(userIdReference)} and uploads.kind = 'avatar' and uploads.removed_at is null)`;
}
