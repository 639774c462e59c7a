import { sql, type RawBuilder } from "kysely";
import { periodStart } from "../recognition/periods";

/** The first days (YYYY-MM-DD, UTC) of the three months of the calendar quarter holding `at`. */
export function quarterMonthStarts(at: Date): string[] {
  const firstMonth = at.getUTCMonth() - (at.getUTCMonth() % 3);
  return [0, 1, 2].map((offset) => periodStart("month", new Date(Date.UTC(at.getUTCFullYear(), firstMonth + offset, 1))));
}

/**
 * Points earned this quarter per person, for "sort by contribution": the recognition engine's
 * month buckets (`recognition_user_points`, period `month`) of the quarter's three months, so the
 * directory adds nothing to recognition's schema. A derived table (user_id, points) summed once
 * and joined by hash; a subquery per person cost 100,000 probes on an unfiltered sort.
 */
export function pointsThisQuarter(now = new Date()): RawBuilder<{ user_id: string; points: number }> | null {
  return sql`(select rp.user_id, sum(rp.points)::int as points from recognition_user_points rp
    where rp.period = 'month' and rp.period_start = any(${sql.val(quarterMonthStarts(now))}::date[])
    group by rp.user_id)`;
}

/** The person's recognition level id (`recognition_profiles.level`); no profile yet = newcomer. */
export function levelOfPerson(): RawBuilder<string> {
  return sql<string>`coalesce((select p.level from recognition_profiles p where p.user_id = u.id), 'newcomer')`;
}
