import type { Kysely, Transaction } from "kysely";
import { SESSION_USER_COLUMNS, toSessionUser } from "../accounts/auth.server";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { councilAccessColumn, councilAccessFromColumn } from "../councils/access.server";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Recipients as the policy sees them, read fresh from `users` with their councils in the same
 * statement: a notification is for whoever the person is now (role, suspension, councils), not
 * for the session they last had.
 */
export async function loadReaders(db: Db, userIds: Iterable<string>): Promise<Map<string, SessionUser>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(readerColumns(db)).where("id", "in", ids).execute();
  return new Map(rows.map((row) => [row.id, toReader(row)]));
}

/** The columns of a reader, councils included, for a caller that picks users another way (by handle). */
export function readerColumns(db: Db) {
  return [...SESSION_USER_COLUMNS, councilAccessColumn(db, "users.id").as("councils")] as const;
}

export function toReader(row: Parameters<typeof toSessionUser>[0] & { councils: Parameters<typeof councilAccessFromColumn>[0] }): SessionUser {
  return { ...toSessionUser(row), councils: councilAccessFromColumn(row.councils) };
}
