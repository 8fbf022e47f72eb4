import { isTradingDay } from "./nyse-calendar";
import { tradingDateOf } from "./trading-date";

/** US equity options trade 09:30–16:00 New York; index and ETF options until 16:15. */
const SESSION_OPENS_MINUTE = 9 * 60 + 30;
const SESSION_CLOSES_MINUTE = 16 * 60 + 15;

const newYorkClock = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * Whether US options trade at this instant: 09:30 to 16:15 New York time (the close of the last
 * options that trade), on an NYSE trading day. Early closes (13:00) count as open until 16:15: a few
 * extra syncs on those afternoons cost little.
 */
export function isOptionsSessionOpen(instant: Date): boolean {
  if (!isTradingDay(tradingDateOf(instant))) return false;
  const parts = newYorkClock.formatToParts(instant);
  const hour = Number(parts.find((part) => part.type === "hour")?.value);
  const minute = Number(parts.find((part) => part.type === "minute")?.value);
  const minuteOfDay = hour * 60 + minute;
  return minuteOfDay >= SESSION_OPENS_MINUTE && minuteOfDay < SESSION_CLOSES_MINUTE;
}
