import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { acceptingMentees } from "./hooks.server";

/** Members of an organization who take mentees now (empty until mentoring is in the build). */
export async function mentorsOffered(db: Kysely<DB>, organizationId: number) {
  const accepting = acceptingMentees();
  if (!accepting) return [];
  const result = await sql<{ id: string; handle: string; display_name: string; title: string }>`
    select u.id, u.handle, u.display_name, u.title from users u
    where u.organization_id = ${organizationId} and ${accepting}
    order by lower(u.display_name)`.execute(db);
  return result.rows;
}
