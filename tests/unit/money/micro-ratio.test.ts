import { describe, expect, it } from "vitest";
import { parseDecimal, ratioOf, ratioStepsUp, ratioText, unitsToMicros } from "@/lib/money";

describe("ratios round once, half away from zero, at the digits shown", () => {
  it("rounds a repeating quotient at the last digit shown", () => {
    const twoThirds = ratioOf(unitsToMicros(2), unitsToMicros(3));
    expect(twoThirds && ratioText(twoThirds, { digits: 1, scale: 100 })).toBe("66.7");
    expect(twoThirds && ratioText(twoThirds, { digits: 4 })).toBe("0.6667");
  });

  it("rounds an exact half away from zero, for gains and losses alike", () => {
    const half = ratioOf(parseDecimal("0.125"), unitsToMicros(1));
    const lossHalf = ratioOf(parseDecimal("-0.125"), unitsToMicros(1));
    expect(half && ratioText(half, { digits: 2 })).toBe("0.13");
    expect(lossHalf && ratioText(lossHalf, { digits: 2 })).toBe("-0.13");
  });

  it("does not show a negative zero", () => {
    const tiny = ratioOf(parseDecimal("-0.001"), unitsToMicros(3));
    expect(tiny && ratioText(tiny, { digits: 2 })).toBe("0.00");
  });

  it("has no value when the denominator is zero", () => {
    expect(ratioOf(unitsToMicros(5), 0)).toBeNull();
  });
});

describe("ratioStepsUp", () => {
  it("rounds a part of the whole up to whole steps, exactly", () => {
    expect(ratioStepsUp({ numerator: 1, denominator: 4 }, 4)).toBe(1);
    expect(ratioStepsUp({ numerator: 3_000_000, denominator: 4_000_000 }, 4)).toBe(3);
    expect(ratioStepsUp({ numerator: 3_000_001, denominator: 4_000_000 }, 4)).toBe(4);
    expect(ratioStepsUp({ numerator: -4_000_000, denominator: 4_000_000 }, 4)).toBe(4);
    expect(
      ratioStepsUp({ numerator: Number.MAX_SAFE_INTEGER - 1, denominator: Number.MAX_SAFE_INTEGER }, 4),
    ).toBe(4);
  });
});
