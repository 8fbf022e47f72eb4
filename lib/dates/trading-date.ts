const newYorkDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/New_York",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The trading date (America/New_York, `YYYY-MM-DD`) of an instant. */
export function tradingDateOf(instant: Date): string {
  return newYorkDate.format(instant);
}

/** A `@db.Date` column value as `YYYY-MM-DD` (Prisma returns it as midnight UTC). */
export function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` as the Date Prisma expects for a `@db.Date` column. */
export function dateColumn(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00.000Z`);
}
