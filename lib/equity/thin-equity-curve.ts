import { compareDecimals } from "@/lib/money";
import type { EquityPoint } from "./assemble-equity-curve";

/**
 * The points a chart of `buckets` columns can draw, out of a curve of any length: the curve is cut
 * into that many runs of consecutive days, and of each run only the days that shape it are kept (its
 * last day, where its step ends, and its highest and lowest realized and equity days), in date order.
 * The first day is always kept (the chart's summary names it). Every kept point is the day's exact
 * figures; days left out are only those a chart this wide would draw on the same pixel column, and
 * every day's figure stays on the Calendar page. A ten-year history is ~2,500 days; a chart is
 * ~640–1,200 px wide.
 */
export function thinEquityCurve(points: EquityPoint[], buckets = 240): EquityPoint[] {
  if (points.length <= buckets * 2) return points;
  const keep = new Set<number>([0, points.length - 1]);
  const size = points.length / buckets;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const from = Math.floor(bucket * size);
    const to = Math.min(points.length, Math.floor((bucket + 1) * size));
    if (from >= to) continue;
    keep.add(to - 1);
    for (const field of ["realized", "equity"] as const) {
      let low = -1;
      let high = -1;
      for (let index = from; index < to; index++) {
        const value = points[index]?.[field];
        if (value === null || value === undefined) continue;
        if (low < 0 || compareDecimals(value, points[low]?.[field] ?? value) < 0) low = index;
        if (high < 0 || compareDecimals(value, points[high]?.[field] ?? value) > 0) high = index;
      }
      if (low >= 0) keep.add(low);
      if (high >= 0) keep.add(high);
    }
  }
  return [...keep].sort((a, b) => a - b).flatMap((index) => points[index] ?? []);
}
