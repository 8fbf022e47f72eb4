import { abs, add, formatMoney, type Micro, parseDecimal, ratioStepsUp, ZERO } from "@/lib/money";
import { addDays, daysInMonth, weekdayOf } from "./calendar-days";

/** Heat levels 0 (nothing realized) to 4 (the period's largest day, gain or loss). */
export const HEAT_LEVELS = 4;

/**
 * How strongly a day is shaded: its size against the period's largest day, in `HEAT_LEVELS` equal
 * steps, rounded up so any non-zero day shows. Exact (bigint), so a day a micro short of the top is
 * not put level with it by a float.
 */
export function heatLevel(value: Micro, largest: Micro): number {
  if (value === 0 || largest === 0) return 0;
  return Math.min(HEAT_LEVELS, ratioStepsUp({ numerator: abs(value), denominator: largest }, HEAT_LEVELS));
}

export type CalendarDay = {
  date: string;
  /** Realized P&L of the day as an exact decimal string; null when nothing closed that day. */
  realized: string | null;
  sign: "gain" | "loss" | "even" | "none";
  level: number;
};

export type CalendarMonth = {
  year: number;
  month: number;
  /** Weeks from Monday; days outside the month are null. Weekend columns only when they hold P&L. */
  weeks: (CalendarDay | null)[][];
  showWeekends: boolean;
  total: string;
  /** Days with realized P&L, and how many of them were gains and losses. */
  activeDays: number;
  gainDays: number;
  lossDays: number;
  best: CalendarDay | null;
  worst: CalendarDay | null;
};

function signOf(value: Micro | null): CalendarDay["sign"] {
  if (value === null) return "none";
  return value > 0 ? "gain" : value < 0 ? "loss" : "even";
}

/**
 * A month as a calendar: days in weeks from Monday, each with its exact figure and heat level, and the
 * month's total. `daily` maps YYYY-MM-DD to the day's realized P&L (decimal strings); days of other
 * months are ignored. Shading is relative to the month's largest day unless `largest` is given.
 */
export function calendarMonth(options: {
  year: number;
  month: number;
  daily: ReadonlyMap<string, string>;
  /** Shade against this instead of the month's largest day (the year view shades by the year's). */
  largest?: Micro;
}): CalendarMonth {
  const { year, month } = options;
  const prefix = `${year}-${String(month).padStart(2, "0")}`;
  const first = `${prefix}-01`;
  const length = daysInMonth(year, month);
  const values = new Map<string, Micro>();
  for (const [date, text] of options.daily) if (date.startsWith(prefix)) values.set(date, parseDecimal(text));

  const largest = options.largest ?? largestDay(values.values());
  let total = ZERO;
  let gainDays = 0;
  let lossDays = 0;
  let best: CalendarDay | null = null;
  let worst: CalendarDay | null = null;
  let bestValue = ZERO;
  let worstValue = ZERO;
  let showWeekends = false;

  const weeks: (CalendarDay | null)[][] = [];
  let week: (CalendarDay | null)[] = new Array(weekdayOf(first)).fill(null);
  for (let offset = 0; offset < length; offset++) {
    const date = addDays(first, offset);
    const value = values.get(date) ?? null;
    const day: CalendarDay = {
      date,
      realized: value === null ? null : formatMoney(value),
      sign: signOf(value),
      level: value === null ? 0 : heatLevel(value, largest),
    };
    if (value !== null) {
      total = add(total, value);
      if (value > 0) gainDays += 1;
      if (value < 0) lossDays += 1;
      if (value > 0 && (best === null || value > bestValue)) [best, bestValue] = [day, value];
      if (value < 0 && (worst === null || value < worstValue)) [worst, worstValue] = [day, value];
      if (weekdayOf(date) >= 5) showWeekends = true;
    }
    week.push(day);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...new Array(7 - week.length).fill(null)]);

  return {
    year,
    month,
    weeks: showWeekends ? weeks : weeks.map((days) => days.slice(0, 5)).filter((days) => days.some(Boolean)),
    showWeekends,
    total: formatMoney(total),
    activeDays: values.size,
    gainDays,
    lossDays,
    best,
    worst,
  };
}

/** The largest absolute daily figure: what shading is measured against. */
export function largestDay(values: Iterable<Micro>): Micro {
  let largest = ZERO;
  for (const value of values) largest = Math.max(largest, abs(value));
  return largest;
}
