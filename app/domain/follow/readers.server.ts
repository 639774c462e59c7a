import type { Kysely, Transaction } from "kysely";
import { SESSION_USER_COLUMNS, toSessionUser } from "../accounts/auth.server";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { withCouncilAccess } from "../councils/access.server";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Recipients as the policy sees them, read fresh from `users`: a notification is for whoever the
 * person is now (role, suspension), not for the session they last had.
 */
export async function loadReaders(db: Db, userIds: Iterable<string>): Promise<Map<string, SessionUser>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(SESSION_USER_COLUMNS)
    .where("id", "in", ids)
    .execute();
  const readers = await withCouncilAccess(db, rows.map(toSessionUser));
  return new Map(readers.map((reader) => [reader.id, reader]));
}
