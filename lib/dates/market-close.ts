import { tradingDateOf } from "./trading-date";

/** US equity and options regular sessions end at 16:00 New York time. */
export const MARKET_CLOSE_MINUTES = 16 * 60;

const newYorkClock = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** Minutes since midnight, New York time (daylight saving included). */
export function newYorkMinutesOf(instant: Date): number {
  const parts = newYorkClock.formatToParts(instant);
  const hour = Number(parts.find((part) => part.type === "hour")?.value);
  const minute = Number(parts.find((part) => part.type === "minute")?.value);
  return hour * 60 + minute;
}

/** Whether the instant is at or after 16:00 on its New York date: that day's marks are closing marks. */
export function isAfterClose(instant: Date): boolean {
  return newYorkMinutesOf(instant) >= MARKET_CLOSE_MINUTES;
}

export type DailyMarksDecision =
  | { store: false; date: string }
  | { store: true; date: string; afterClose: boolean; replace: boolean };

/**
 * Whether a recompute at `now` stores the day's marks. The first one of a New York date stores them
 * (so every day a user's data is touched has marks); the first one at or after the 16:00 close
 * replaces an intraday record once (closing marks are the day's marks); later ones change nothing.
 */
export function decideDailyMarks(options: {
  now: Date;
  /** The record already stored for the same date, if any. */
  existing: { afterClose: boolean } | null;
}): DailyMarksDecision {
  const date = tradingDateOf(options.now);
  const afterClose = isAfterClose(options.now);
  if (!options.existing) return { store: true, date, afterClose, replace: false };
  if (!options.existing.afterClose && afterClose) return { store: true, date, afterClose, replace: true };
  return { store: false, date };
}
