/** When a bookmark reminder is due, from a preset or a wall-clock time in the person's time zone. */
export const reminderPresets = {
  none: "No reminder",
  "in-3-hours": "In 3 hours",
  tomorrow: "Tomorrow at 9:00",
  "next-week": "Next Monday at 9:00",
  custom: "At a time I choose",
} as const;
export type ReminderPreset = keyof typeof reminderPresets;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function reminderTime(preset: ReminderPreset, options: { custom?: string; timeZone: string; now?: Date }): Date | null {
  const now = options.now ?? new Date();
  const zone = safeZone(options.timeZone);
  switch (preset) {
    case "none":
      return null;
    case "in-3-hours":
      return new Date(now.getTime() + 3 * HOUR);
    case "tomorrow":
      return zonedTime(`${localDate(now, zone, 1)}T09:00`, zone);
    case "next-week": {
      const weekday = new Date(`${localDate(now, zone, 0)}T00:00Z`).getUTCDay();
      return zonedTime(`${localDate(now, zone, ((8 - weekday) % 7) || 7)}T09:00`, zone);
    }
    case "custom":
      return options.custom ? zonedTime(options.custom, zone) : null;
  }
}

/** The instant at which the clock in `timeZone` reads `wall` ("YYYY-MM-DDTHH:mm"), or null if malformed. */
export function zonedTime(wall: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(asUtc)) return null;
  // Twice: the offset at the first guess may differ across a daylight-saving change.
  let instant = asUtc - offsetAt(asUtc, timeZone);
  instant = asUtc - offsetAt(instant, timeZone);
  return new Date(instant);
}

function offsetAt(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return wall - Math.floor(instant / 60_000) * 60_000;
}

/** "YYYY-MM-DD" in the zone, `days` after today there. */
function localDate(now: Date, timeZone: string, days: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return new Date(Date.parse(`${today}T00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function safeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}
