import { sql } from "kysely";

/** A YYYY-MM-DD day as a SQL date, for comparisons with `date` columns (read back as Date). */
export const sqlDay = (day: string) => sql<Date>`${day}::date`;
