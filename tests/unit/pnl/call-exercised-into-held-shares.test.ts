import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled, stock } from "./support/builders";

const call = option("LCID 2022-02-18 20 call");
const history = input({
  asOf: "2022-03-31",
  stockTrades: [
    stock({ id: "buy", side: "buy", symbol: "LCID", quantity: "100", price: "30.00", date: "2022-01-03" }),
    stock({
      id: "sell",
      side: "sell",
      symbol: "LCID",
      quantity: "150",
      price: "24.00",
      fees: "0.03",
      date: "2022-03-01",
    }),
  ],
  executions: [
    fill({ id: "bto", code: "BTO", contract: call, quantity: "1", price: "2.00", date: "2022-01-10" }),
  ],
  events: [
    lifecycle({
      id: "exer",
      type: "exercise",
      contract: call,
      quantity: "1",
      date: "2022-02-18",
      stockFees: "0.02",
    }),
  ],
  stockMarks: { LCID: "21.00" },
});

describe("a long call exercised into shares already held", () => {
  const result = computePnl(history);

  it("the exercised shares join the held ones as a second lot, and the premium stays option P&L", () => {
    const beforeSale = computePnl({ ...history, asOf: "2022-02-28" });
    expect(beforeSale.stockPositions).toMatchObject([
      {
        quantity: "200",
        // (100 × 30 + 100 × 20) / 200
        averagePrice: "25.00",
        // 3,000 + 2,000 + 0.02
        costBasis: "5000.02",
        costBasisPerShare: "25.0001",
        openedOn: "2022-01-03",
      },
    ]);
    // The call's 2.00 × 100 paid is realized when it closes by exercise.
    expect(result.totals.realized).toBe("-200.00");
    expect(reconciled(beforeSale)).toBe(true);
  });

  it("a later sale closes the bought lot first, then part of the exercised one", () => {
    expect(result.stockMatches.map((match) => [match.openKind, match.quantity, match.realized])).toEqual([
      // 100 × (24 − 30) − 0.03 × 100/150
      ["trade", "100", "-600.02"],
      // 50 × (24 − 20) − 0.02 × 50/100 − the rest of the 0.03
      ["exercise", "50", "199.98"],
    ]);
    expect(result.stockMatches[1]?.openEventId).toBe("exer");
    expect(result.totals.stockRealized).toBe("-400.04");
    expect(result.stockPositions).toMatchObject([
      // 50 × 20 + the other 0.01 of the exercise fee; 50 × (21 − 20) − 0.01 unrealized
      { quantity: "50", costBasis: "1000.01", unrealized: "49.99" },
    ]);
    // A long call is bought, not written: no wheel.
    expect(result.wheelCycles).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });
});
