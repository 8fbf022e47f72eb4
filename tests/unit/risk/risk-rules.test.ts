import { describe, expect, it } from "vitest";
import {
  ASSIGNMENT_RISK_MAX_DAYS,
  expiresThisWeek,
  expiryWeekEnd,
  hasAssignmentRisk,
  moneynessOf,
} from "@/lib/risk";

describe("moneyness", () => {
  it("a call is in the money above its strike, a put below it, and neither at it", () => {
    expect(moneynessOf({ optionType: "call", strike: "100", underlyingPrice: "100.01" })).toBe("ITM");
    expect(moneynessOf({ optionType: "call", strike: "100", underlyingPrice: "99.99" })).toBe("OTM");
    expect(moneynessOf({ optionType: "put", strike: "100", underlyingPrice: "99.99" })).toBe("ITM");
    expect(moneynessOf({ optionType: "put", strike: "100", underlyingPrice: "100.01" })).toBe("OTM");
    expect(moneynessOf({ optionType: "put", strike: "100.0000", underlyingPrice: "100.00" })).toBe("ATM");
  });
});

describe("assignment risk", () => {
  it(`flags a short in the money with ${ASSIGNMENT_RISK_MAX_DAYS} days or fewer left, expiry day included`, () => {
    for (const days of [0, 1, ASSIGNMENT_RISK_MAX_DAYS]) {
      expect(hasAssignmentRisk({ side: "SHORT", moneyness: "ITM", daysToExpiration: days })).toBe(true);
    }
  });

  it("does not flag a short with more time left, once expired, out of or at the money, or any long", () => {
    expect(
      hasAssignmentRisk({ side: "SHORT", moneyness: "ITM", daysToExpiration: ASSIGNMENT_RISK_MAX_DAYS + 1 }),
    ).toBe(false);
    expect(hasAssignmentRisk({ side: "SHORT", moneyness: "ITM", daysToExpiration: -1 })).toBe(false);
    expect(hasAssignmentRisk({ side: "SHORT", moneyness: "OTM", daysToExpiration: 0 })).toBe(false);
    expect(hasAssignmentRisk({ side: "SHORT", moneyness: "ATM", daysToExpiration: 0 })).toBe(false);
    expect(hasAssignmentRisk({ side: "LONG", moneyness: "ITM", daysToExpiration: 0 })).toBe(false);
  });
});

describe("what expires this week", () => {
  it("runs from today to this week's Friday on a weekday", () => {
    // 2026-12-03 is a Thursday.
    expect(expiryWeekEnd("2026-12-03")).toBe("2026-12-04");
    expect(expiryWeekEnd("2026-11-30")).toBe("2026-12-04"); // Monday
    expect(expiryWeekEnd("2026-12-04")).toBe("2026-12-04"); // Friday itself
    expect(expiresThisWeek("2026-12-03", "2026-12-03")).toBe(true);
    expect(expiresThisWeek("2026-12-03", "2026-12-04")).toBe(true);
    expect(expiresThisWeek("2026-12-03", "2026-12-11")).toBe(false);
  });

  it("on a weekend looks at the coming week", () => {
    expect(expiryWeekEnd("2026-12-05")).toBe("2026-12-11"); // Saturday
    expect(expiryWeekEnd("2026-12-06")).toBe("2026-12-11"); // Sunday
    expect(expiresThisWeek("2026-12-05", "2026-12-11")).toBe(true);
  });

  it("leaves out what already expired", () => {
    expect(expiresThisWeek("2026-12-03", "2026-12-01")).toBe(false);
  });

  it("takes a holiday week's Thursday expiry (Good Friday 2026-04-03)", () => {
    expect(expiresThisWeek("2026-03-30", "2026-04-02")).toBe(true);
  });
});
