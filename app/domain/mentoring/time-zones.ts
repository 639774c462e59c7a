/**
 * Time-zone arithmetic for matching, with nothing but Intl: an IANA zone's offset depends on
 * the date (daylight saving), so every answer is "at" a given moment.
 */

/** Minutes east of UTC for `timeZone` at `at`, or null for a zone Intl does not know. */
export function utcOffsetMinutes(timeZone: string, at: Date): number | null {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    }).formatToParts(at);
  } catch {
    return null;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallClockAsUtc = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  const wholeSeconds = Math.floor(at.getTime() / 1000) * 1000;
  return Math.round((wallClockAsUtc - wholeSeconds) / 60_000);
}

/**
 * Hours between two zones' clocks at `at`, the short way round the day: Auckland (+13) and
 * Honolulu (-10) are 23 hours apart on paper but 1 hour apart for finding a meeting time.
 */
export function hoursApart(a: string, b: string, at: Date): number | null {
  const offsetA = utcOffsetMinutes(a, at);
  const offsetB = utcOffsetMinutes(b, at);
  if (offsetA === null || offsetB === null) return null;
  const minutes = Math.abs(offsetA - offsetB) % (24 * 60);
  return Math.min(minutes, 24 * 60 - minutes) / 60;
}

export function isKnownTimeZone(timeZone: string) {
  return utcOffsetMinutes(timeZone, new Date(0)) !== null;
}
