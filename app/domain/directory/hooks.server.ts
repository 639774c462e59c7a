import { sql, type RawBuilder } from "kysely";

/**
 * Where the directory will read what other features own. Each returns null while that feature is
 * not in this build, and the directory then leaves the column, facet or sort option out.
 */

/**
 * Points earned this quarter by the person `users.id` refers to, for "sort by contribution".
 * Recognition (branch `recognition`) owns points; until its tables land this is null.
 */
export function pointsThisQuarter(): RawBuilder<number> | null {
  return null;
}

/** A person's level and badges for the directory card; null until recognition lands. */
export function recognitionSummary(): RawBuilder<{ level: string; badges: string[] }> | null {
  return null;
}

/**
 * Whether the person `users.id` refers to is open to new mentees. Mentoring (branch
 * `mentoring`) owns mentor_profiles; until its schema is merged this is null and the
 * "available as mentor" facet is not offered.
 */
export function acceptingMentees(): RawBuilder<boolean> | null {
  return null;
}

/** Used by callers that need a boolean either way (e.g. an organization's mentor list). */
export function acceptingMenteesOrFalse(): RawBuilder<boolean> {
  return acceptingMentees() ?? sql<boolean>`false`;
}
