import { describe, expect, it } from "vitest";
import type { EquityPoint } from "@/lib/equity/assemble-equity-curve";
import { equityDrawing } from "@/lib/equity/equity-drawing";
import { parseEquityPointsText } from "@/lib/equity/equity-points-text";

function day(date: string, realized: string, equity: string | null = null): EquityPoint {
  return { date, realized, unrealized: equity === null ? null : "1.00", equity };
}

describe("preparing a curve for the dashboard chart", () => {
  it("has nothing to draw for an empty curve", () => {
    expect(equityDrawing([])).toBeNull();
  });

  it("names the first and last day and the last day with marks", () => {
    const points = [
      day("2026-01-02", "1.00", "2.00"),
      day("2026-01-05", "3.50", "4.50"),
      day("2026-01-06", "-2.25"),
    ];
    const drawing = equityDrawing(points);
    expect(drawing?.first).toEqual(points[0]);
    expect(drawing?.last).toEqual(points[2]);
    expect(drawing?.lastEquity).toEqual(points[1]);
    expect(parseEquityPointsText(drawing?.pointsText ?? "")).toEqual(points);
  });

  it("has no equity day when no marks were stored", () => {
    expect(equityDrawing([day("2026-01-02", "1.00")])?.lastEquity).toBeNull();
  });

  it("carries a long curve thinned to what a chart can draw, ends kept exactly", () => {
    const points = Array.from({ length: 2_000 }, (_, index) =>
      day(new Date(Date.UTC(2020, 0, 1) + index * 86_400_000).toISOString().slice(0, 10), `${index}.00`),
    );
    const drawn = parseEquityPointsText(equityDrawing(points)?.pointsText ?? "");
    expect(drawn.length).toBeLessThan(points.length / 2);
    expect(drawn[0]).toEqual(points[0]);
    expect(drawn.at(-1)).toEqual(points.at(-1));
  });
});
