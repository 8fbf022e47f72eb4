import { describe, expect, it } from "vitest";
import { daysToExpiration, maxProfitCaptured } from "@/lib/analytics";
import { parseDecimal, ratioText } from "@/lib/money";

const captured = (side: "LONG" | "SHORT", open: string, mark: string | null) => {
  const ratio = maxProfitCaptured({
    side,
    averagePrice: parseDecimal(open),
    mark: mark === null ? null : parseDecimal(mark),
  });
  return ratio && ratioText(ratio, { digits: 1, scale: 100 });
};

describe("how much of a position's maximum profit is captured", () => {
  it("a short put sold for 1.20 and marked at 0.30 has captured 75 % of its credit", () => {
    expect(captured("SHORT", "1.20", "0.30")).toBe("75.0");
  });

  it("is 100 % at a zero mark and negative when the option costs more than it brought in", () => {
    expect(captured("SHORT", "0.85", "0")).toBe("100.0");
    expect(captured("SHORT", "1.00", "1.50")).toBe("-50.0");
  });

  it("is not given for a long option, without a mark, or for an option opened at zero", () => {
    expect(captured("LONG", "2.00", "3.00")).toBeNull();
    expect(captured("SHORT", "1.00", null)).toBeNull();
    expect(captured("SHORT", "0", "0.10")).toBeNull();
  });
});

describe("days to expiration", () => {
  it("counts calendar days, 0 on the day and negative after", () => {
    expect(daysToExpiration("2026-11-26", "2026-12-18")).toBe(22);
    expect(daysToExpiration("2026-12-18", "2026-12-18")).toBe(0);
    expect(daysToExpiration("2026-12-19", "2026-12-18")).toBe(-1);
  });
});
