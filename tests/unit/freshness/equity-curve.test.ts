import { describe, expect, it } from "vitest";
import { assembleEquityCurve } from "@/lib/equity/assemble-equity-curve";

describe("the equity curve", () => {
  it("adds the day's unrealized P&L to realized P&L accumulated so far, exactly", () => {
    const points = assembleEquityCurve(
      [
        { date: "2026-11-16", realized: "0.10" },
        { date: "2026-11-17", realized: "0.20" },
      ],
      [
        { date: "2026-11-17", unrealized: "-0.30" },
        { date: "2026-11-18", unrealized: "1234567.891234" },
      ],
    );
    expect(points).toEqual([
      { date: "2026-11-16", realized: "0.10", unrealized: null, equity: null },
      // 0.1 + 0.2 - 0.3 is exactly zero here, unlike in floating point.
      { date: "2026-11-17", realized: "0.30", unrealized: "-0.30", equity: "0.00" },
      { date: "2026-11-18", realized: "0.30", unrealized: "1234567.891234", equity: "1234568.191234" },
    ]);
  });

  it("leaves a gap on days without stored marks instead of carrying an old unrealized figure", () => {
    const points = assembleEquityCurve(
      [{ date: "2026-11-19", realized: "150.00" }],
      [{ date: "2026-11-18", unrealized: "150.00" }],
    );
    // The position closed on the 19th: its 150 is realized now, and must not be counted twice.
    expect(points.map((point) => [point.date, point.equity])).toEqual([
      ["2026-11-18", "150.00"],
      ["2026-11-19", null],
    ]);
  });

  it("sums several rows of one day (one per underlying)", () => {
    const points = assembleEquityCurve(
      [
        { date: "2026-11-18", realized: "-12.345" },
        { date: "2026-11-18", realized: "2.345" },
      ],
      [],
    );
    expect(points).toEqual([{ date: "2026-11-18", realized: "-10.00", unrealized: null, equity: null }]);
  });

  it("is empty without any day", () => {
    expect(assembleEquityCurve([], [])).toEqual([]);
  });
});
