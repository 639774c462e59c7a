import { sql, type Kysely, type Transaction } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "../../../db/schema";
import type { CouncilAccess, SessionUser } from "../accounts/auth.server";
import type { CouncilRole } from "../../../db/schema-parts/councils";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The councils each person may enter right now: an accepted invitation, not ended, inside its
 * term, with the council's current confidentiality terms acknowledged. This query is the one
 * definition of "current member"; the policy module only re-checks the term end against its clock.
 */
function currentMemberships(db: Db, now: Date) {
  return db
    .selectFrom("council_members")
    .innerJoin("councils", "councils.id", "council_members.council_id")
    .select(["council_members.user_id", "council_members.council_id", "council_members.role", "council_members.term_end"])
    .where("council_members.accepted_at", "is not", null)
    .where("council_members.ended_at", "is", null)
    .where("council_members.term_start", "<=", now)
    .where("council_members.term_end", ">", now)
    .whereRef("council_members.acknowledged_version", "=", "councils.terms_version");
}

const toAccess = (row: { council_id: string; role: CouncilRole; term_end: Date | string }): CouncilAccess => ({
  councilId: row.council_id,
  role: row.role,
  termEndsAt: new Date(row.term_end),
});

export async function loadCouncilAccess(db: Db, userIds: string[], now = new Date()): Promise<Map<string, CouncilAccess[]>> {
  const access = new Map<string, CouncilAccess[]>();
  if (userIds.length === 0) return access;
  const rows = await currentMemberships(db, now).where("council_members.user_id", "in", userIds).execute();
  for (const row of rows) {
    const list = access.get(row.user_id) ?? [];
    list.push(toAccess(row));
    access.set(row.user_id, list);
  }
  return access;
}

/**
 * The same definition as a JSON column of a query that has the person's id, so the session check
 * reads a person and their councils in one statement; parse it with councilAccessFromColumn.
 */
export function councilAccessColumn(db: Db, userIdReference: string, now = new Date()) {
  return jsonArrayFrom(currentMemberships(db, now).where("council_members.user_id", "=", sql.ref<string>(userIdReference)));
}

export const councilAccessFromColumn = (rows: readonly { council_id: string; role: CouncilRole; term_end: Date | string }[]) => rows.map(toAccess);

/** Session users for other people (notification recipients, mentioned people) with their councils. */
export async function withCouncilAccess<U extends SessionUser>(db: Db, users: U[], now = new Date()): Promise<U[]> {
  const access = await loadCouncilAccess(db, users.map((u) => u.id), now);
  return users.map((user) => ({ ...user, councils: access.get(user.id) ?? [] }));
}
