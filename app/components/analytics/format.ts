/**
 * Numbers in the reader's locale. The locale comes from the loader (Accept-Language), so the
 * server render and the browser agree and hydration never differs.
 */
export interface Formatters {
  number: (value: number | null) => string;
  money: (value: number | null) => string;
  decimal: (value: number | null) => string;
  month: (month: string) => string;
}

export function formatters(locale: string): Formatters {
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const monthName = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  const dash = "–";
  return {
    number: (value) => (value === null ? dash : whole.format(value)),
    money: (value) => (value === null ? dash : whole.format(value)),
    decimal: (value) => (value === null ? dash : decimal.format(value)),
    month: (month) => monthName.format(new Date(`${month}-01T00:00:00Z`)),
  };
}
