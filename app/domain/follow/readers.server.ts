import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";

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
    .select(["id", "email", "handle", "display_name", "role", "organization_id", "is_vendor_staff", "suspended_until"])
    .where("id", "in", ids)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        email: row.email,
        handle: row.handle,
        displayName: row.display_name,
        role: row.role,
        organizationId: row.organization_id,
        isVendorStaff: row.is_vendor_staff,
        suspendedUntil: row.suspended_until,
      },
    ]),
  );
}
