import { z } from "zod";

export const CHART_RANGES = ["1M", "3M", "YTD", "1Y", "ALL"] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

/** `?range=3M` on the dashboard; anything else is the whole history. */
export const chartRangeSearchParams = z.object({
  range: z.enum(CHART_RANGES).optional().catch(undefined),
});

/**
 * The first date (`YYYY-MM-DD`) a range shows, counted back from `today` (a New York date); null for
 * the whole history. A month back from the 31st lands on the month's last day (Mar 31 → Feb 28).
 */
export function rangeStart(range: ChartRange, today: string): string | null {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  switch (range) {
    case "ALL":
      return null;
    case "YTD":
      return `${year}-01-01`;
    case "1Y":
      return monthsBack(year, month, day, 12);
    case "3M":
      return monthsBack(year, month, day, 3);
    case "1M":
      return monthsBack(year, month, day, 1);
  }
}

function monthsBack(year: number, month: number, day: number, months: number): string {
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}
