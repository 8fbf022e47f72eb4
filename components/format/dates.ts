/** Dates for display. Trading dates are `YYYY-MM-DD` strings and are never shifted by a time zone. */
import { SHORT_MONTH_NAMES } from "@/lib/dates/month-names";

/** "2026-11-20" → "Nov 20, 2026". */
export function formatTradeDate(isoDay: string): string {
  const [year, month, day] = isoDay.split("-");
  return `${SHORT_MONTH_NAMES[Number(month) - 1] ?? month} ${Number(day)}, ${year}`;
}

/** "2026-11-20" → "Nov 20 '26", for narrow places such as expiries and chart labels. */
export function formatShortDate(isoDay: string): string {
  const [year, month, day] = isoDay.split("-");
  return `${SHORT_MONTH_NAMES[Number(month) - 1] ?? month} ${Number(day)} '${year?.slice(2)}`;
}

const timestampFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
});

/** An instant in New York time, as traders read market times: "Nov 26, 2026, 10:04 AM EST". */
export function formatTimestamp(iso: string): string {
  return timestampFormat.format(new Date(iso));
}

/** "1,234 ms" or "2.4 s". */
export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`;
}
