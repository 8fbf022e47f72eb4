import { describe, expect, it } from "vitest";
import type { EquityPoint } from "@/lib/equity/assemble-equity-curve";
import { equityPointsText, parseEquityPointsText } from "@/lib/equity/equity-points-text";
import { thinEquityCurve } from "@/lib/equity/thin-equity-curve";

/** Days 2016-01-01 onward; realized climbs by 1.00 a day, with one spike and one dip. */
function curve(days: number): EquityPoint[] {
  return Array.from({ length: days }, (_, index) => {
    const date = new Date(Date.UTC(2016, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
    const realized = index === 1234 ? "99999.00" : index === 1500 ? "-5000.00" : `${index}.00`;
    const marked = index % 7 === 0;
    return {
      date,
      realized,
      unrealized: marked ? "10.50" : null,
      equity: marked ? `${index + 10}.50` : null,
    };
  });
}

describe("thinning the equity curve to what a chart can draw", () => {
  it("leaves a short curve as it is", () => {
    const points = curve(300);
    expect(thinEquityCurve(points, 240)).toBe(points);
  });

  it("keeps at most a few days per column, the first and last day, and every extreme, exactly", () => {
    const points = curve(2_600);
    const thinned = thinEquityCurve(points, 240);
    expect(thinned.length).toBeLessThanOrEqual(240 * 5 + 2);
    expect(thinned.length).toBeLessThan(points.length / 2);
    expect(thinned[0]).toBe(points[0]);
    expect(thinned.at(-1)).toBe(points.at(-1));
    // The spike and the dip are drawn, with their exact figures.
    expect(thinned.find((point) => point.realized === "99999.00")?.date).toBe(points[1234]?.date);
    expect(thinned.find((point) => point.realized === "-5000.00")?.date).toBe(points[1500]?.date);
    // Kept points are the days' own objects, in date order.
    const dates = thinned.map((point) => point.date);
    expect([...dates].sort()).toEqual(dates);
    for (const point of thinned) expect(points).toContain(point);
  });
});

describe("the chart's points as text", () => {
  it("round-trips every figure, missing ones included", () => {
    const points = curve(30);
    expect(parseEquityPointsText(equityPointsText(points))).toEqual(points);
    expect(parseEquityPointsText(equityPointsText([]))).toEqual([]);
  });
});
