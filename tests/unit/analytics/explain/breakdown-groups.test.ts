import { describe, expect, it } from "vitest";
import { groupingFor, moneyBreakdown, positionBreakdown } from "@/lib/analytics/explain";
import { parseDecimal } from "@/lib/money";
import { closed } from "../support";

describe("money breakdowns", () => {
  const groups = [
    { key: "2025-01", value: parseDecimal("120.10"), count: 3 },
    { key: "2025-03", value: parseDecimal("-40.05"), count: 1 },
    { key: "2024-12", value: parseDecimal("0.000001"), count: 2 },
  ];

  it("the totals row is the exact sum of the groups", () => {
    const breakdown = moneyBreakdown("month", groups);
    expect(breakdown.total).toBe("80.050001");
    expect(breakdown.count).toBe(6);
  });

  it("months read newest first, with their names", () => {
    expect(moneyBreakdown("month", groups).rows.map((row) => [row.key, row.label])).toEqual([
      ["2025-03", "March 2025"],
      ["2025-01", "January 2025"],
      ["2024-12", "December 2024"],
    ]);
  });

  it("strategies by name, the unlabelled ones last", () => {
    const rows = moneyBreakdown("strategy", [
      { key: "unknown", value: 1, count: 1 },
      { key: "cash-secured-put", value: 2, count: 1 },
      { key: "bull-put-spread", value: 3, count: 1 },
    ]).rows;
    expect(rows.map((row) => row.label)).toEqual([
      "Bull put spread (credit)",
      "Cash-secured put",
      "Not labelled",
    ]);
  });
});

describe("closed positions by group", () => {
  // A put rolled three times is one position: one row of the chain, one win.
  const positions = [
    closed({
      id: "rolled-3x",
      underlying: "SOFI",
      realized: "45.20",
      openingCredit: "180",
      firstExpiration: "2025-02-21",
    }),
    closed({
      id: "loss",
      underlying: "AAPL",
      realized: "-12.00",
      openingCredit: "50",
      closedOn: "2025-04-02",
    }),
    closed({ id: "even", underlying: "SOFI", realized: "0", openingCredit: "30" }),
    closed({ id: "debit", underlying: "AAPL", strategy: "long-call", realized: "20", openingCredit: "-90" }),
  ];

  it("per underlying, the totals row is every position's statistics", () => {
    const breakdown = positionBreakdown("underlying", positions);
    expect(breakdown.rows.map((row) => [row.label, row.statistics.closed, row.statistics.winRate])).toEqual([
      ["AAPL", 2, "50.0"],
      ["SOFI", 2, "50.0"],
    ]);
    expect(breakdown.total).toMatchObject({ closed: 4, wins: 2, losses: 1, breakEvens: 1, winRate: "50.0" });
    // Credit positions only: 45.20 − 12 + 0 of 180 + 50 + 30.
    expect(breakdown.total).toMatchObject({
      creditKept: "33.20",
      creditReceived: "260.00",
      premiumCaptured: "12.8",
    });
  });

  it("expiration is the first contract's, month the close month", () => {
    expect(positionBreakdown("expiration", positions).rows.map((row) => row.key)).toEqual([
      "2025-03-21",
      "2025-02-21",
    ]);
    expect(positionBreakdown("month", positions).rows.map((row) => row.key)).toEqual(["2025-04", "2025-03"]);
  });
});

describe("groupings a metric offers", () => {
  it("falls back to the metric's first grouping when the URL asks for one it cannot split by", () => {
    expect(groupingFor("fees", "strategy")).toBe("underlying");
    expect(groupingFor("unrealized", "month")).toBe("underlying");
    expect(groupingFor("realized", "month")).toBe("month");
    expect(groupingFor("win-rate", undefined)).toBe("underlying");
  });
});
