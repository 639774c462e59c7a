import type { RawBuilder } from "kysely";

/**
 * Points earned this quarter by the person `u.id` refers to, for "sort by contribution".
 * Recognition (branch `recognition`) owns points; until its read model is in this build this
 * returns null and the directory leaves the sort option out (docs/decisions/014).
 */
export function pointsThisQuarter(): RawBuilder<number> | null {
  return null;
}
