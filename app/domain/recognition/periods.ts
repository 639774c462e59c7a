import type { RecognitionPeriod } from "../../../db/schema-parts/recognition";

export type { RecognitionPeriod };
export const periods: readonly RecognitionPeriod[] = ["week", "month", "year", "all"];

/** The all-time bucket's period_start. */
export const ALL_TIME_START = "1970-01-01";

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** UTC day of a moment, as YYYY-MM-DD (the day caps and pair limits count in). */
export const dayOf = (at: Date) => iso(at);

/** Whole days since 1970-01-01 UTC, for streaks. */
export const dayNumber = (at: Date) => Math.floor(at.getTime() / 86_400_000);

/** Start (YYYY-MM-DD, UTC) of the bucket of `period` holding `at`; weeks start on Monday. */
export function periodStart(period: RecognitionPeriod, at: Date): string {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  switch (period) {
    case "all":
      return ALL_TIME_START;
    case "year":
      return iso(new Date(Date.UTC(y, 0, 1)));
    case "month":
      return iso(new Date(Date.UTC(y, m, 1)));
    case "week": {
      const sinceMonday = (at.getUTCDay() + 6) % 7;
      return iso(new Date(Date.UTC(y, m, at.getUTCDate() - sinceMonday)));
    }
  }
}

const startsByDay = new Map<number, readonly string[]>();

/**
 * `periodStart` of every period in `periods` order, for the day of `at`. Memoized by day: the
 * leaderboard buckets need all four for every ledger row, and building Dates and strings four
 * times a row was one of the engine's hottest functions. A year of days is ~365 small entries.
 */
export function periodStarts(at: Date): readonly string[] {
  const day = dayNumber(at);
  let starts = startsByDay.get(day);
  if (!starts) {
    starts = periods.map((period) => periodStart(period, at));
    startsByDay.set(day, starts);
  }
  return starts;
}
