import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";

/**
 * People who take mentees now: their mentor profile says accepting and their active mentorships
 * are below its capacity. Mentoring owns mentor_profiles and mentorships (its migration names
 * these columns as the directory's contract). A derived table, so searches hash-join it once
 * instead of probing it for every person.
 */
export const availableMentors = sql`(select mp.user_id from mentor_profiles mp
  where mp.accepting and mp.capacity > (select count(*) from mentorships ms where ms.mentor_id = mp.user_id and ms.status = 'active'))`;

/** Organizations with at least one available mentor among their people. */
export const organizationsWithMentors = sql`(select distinct mu.organization_id from users mu
  join ${availableMentors} mam on mam.user_id = mu.id where mu.organization_id is not null)`;

/** Members of an organization who take mentees now, for its page. */
export async function mentorsOffered(db: Kysely<DB>, organizationId: number) {
  const result = await sql<{ id: string; handle: string; display_name: string; title: string }>`
    select u.id, u.handle, u.display_name, u.title from users u
    join ${availableMentors} am on am.user_id = u.id
    where u.organization_id = ${organizationId}
    order by lower(u.display_name)`.execute(db);
  return result.rows;
}

export async function isAvailableMentor(db: Kysely<DB>, userId: string) {
  const result = await sql<{ id: string }>`select am.user_id as id from ${availableMentors} am where am.user_id = ${userId}`.execute(db);
  return result.rows.length > 0;
}
