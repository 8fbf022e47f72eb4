import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OpenLegs } from "@/lib/pnl/chains/leg-outs";

// Legging out asks, for a leg closed on a date, whether another leg of its chain was open over that
// date. `OpenLegs` answers by counting; it must agree with asking every leg, odd data included (a
// close dated before its opening, an empty close date, several legs on one day).

const day = fc.integer({ min: 1, max: 20 }).map((n) => `2024-01-${String(n).padStart(2, "0")}`);
const leg = fc.record({ open: day, close: fc.option(fc.oneof(day, fc.constant("")), { nil: null }) });

/** Every leg asked in turn: opened on or before the date, and not closed on or before it. */
function anyOpenOverByScan(legs: { open: string; close: string | null }[], date: string): boolean {
  return legs.some((one) => one.open <= date && !(one.close !== null && one.close <= date));
}

describe("OpenLegs", () => {
  it("agrees with asking every leg, for every date", () => {
    fc.assert(
      fc.property(fc.array(leg, { maxLength: 30 }), day, (legs, date) => {
        const open = new OpenLegs(
          legs.map((one) => one.open),
          legs.map((one) => one.close),
        );
        expect(open.anyOpenOver(date)).toBe(anyOpenOverByScan(legs, date));
      }),
      { numRuns: 2_000 },
    );
  });

  it("counts a leg closed on the date as closed, and one still open as open", () => {
    const legs = new OpenLegs(["2024-01-02", "2024-01-03"], ["2024-01-05", null]);
    expect(legs.anyOpenOver("2024-01-01")).toBe(false);
    expect(legs.anyOpenOver("2024-01-05")).toBe(true);
    expect(new OpenLegs(["2024-01-02"], ["2024-01-05"]).anyOpenOver("2024-01-05")).toBe(false);
    expect(new OpenLegs(["2024-01-02"], ["2024-01-05"]).anyOpenOver("2024-01-04")).toBe(true);
  });
});
