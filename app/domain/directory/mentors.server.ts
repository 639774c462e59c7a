import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";

/**
 * People who take mentees now: their mentor profile says accepting and their active mentorships
 * are below its capacity. Mentoring owns mentor_profiles and mentorships (its migration names
 * these columns as the directory's contract). Active mentorships are counted once, grouped, and
 * joined by hash: a count per profile row cost a subplan per mentor, 20 ms at 10,000 mentors.
 */
export const availableMentors = sql`(select mp.user_id from mentor_profiles mp
  left join (select ms.mentor_id, count(*) as n from mentorships ms where ms.status = 'active' group by ms.mentor_id) busy
    on busy.mentor_id = mp.user_id
  where mp.accepting and mp.capacity > coalesce(busy.n, 0))`;

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
