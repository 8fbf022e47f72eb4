import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { input, reconciled, stock } from "./support/builders";

describe("shares bought in three lots and sold in two", () => {
  const result = computePnl(
    input({
      asOf: "2023-05-31",
      stockTrades: [
        stock({
          id: "b1",
          side: "buy",
          symbol: "AAPL",
          quantity: "100",
          price: "150.00",
          fees: "0.30",
          date: "2023-03-01",
        }),
        stock({
          id: "b2",
          side: "buy",
          symbol: "AAPL",
          quantity: "50",
          price: "152.00",
          fees: "0.10",
          date: "2023-03-02",
        }),
        stock({ id: "b3", side: "buy", symbol: "AAPL", quantity: "30", price: "155.00", date: "2023-03-03" }),
        stock({
          id: "s1",
          side: "sell",
          symbol: "AAPL",
          quantity: "120",
          price: "160.00",
          fees: "0.24",
          date: "2023-04-03",
        }),
        stock({
          id: "s2",
          side: "sell",
          symbol: "AAPL",
          quantity: "40",
          price: "149.50",
          fees: "0.08",
          date: "2023-05-01",
        }),
      ],
      stockMarks: { AAPL: "158.00" },
    }),
  );

  it("the first sale takes the whole first lot and part of the second, fees pro rata", () => {
    expect(
      result.stockMatches.map((match) => [
        match.openTradeId,
        match.closeTradeId,
        match.quantity,
        match.openFees,
        match.closeFees,
        match.realized,
      ]),
    ).toEqual([
      // 100 × (160 − 150) − 0.30 − 0.24 × 100/120
      ["b1", "s1", "100", "0.30", "0.20", "999.50"],
      // 20 × (160 − 152) − 0.10 × 20/50 − the rest of the 0.24
      ["b2", "s1", "20", "0.04", "0.04", "159.92"],
      // 30 × (149.50 − 152) − the rest of b2's 0.10 − 0.08 × 30/40
      ["b2", "s2", "30", "0.06", "0.06", "-75.12"],
      // 10 × (149.50 − 155) − 0.02
      ["b3", "s2", "10", "0.00", "0.02", "-55.02"],
    ]);
    expect(
      result.stockMatches.every((match) => match.direction === "long" && match.closeKind === "trade"),
    ).toBe(true);
  });

  it("what is left is 20 shares of the third lot, valued at the mark", () => {
    expect(result.totals.stockRealized).toBe("1029.28");
    expect(result.stockPositions).toEqual([
      {
        accountId: "acct-1",
        underlying: "AAPL",
        quantity: "20",
        averagePrice: "155.00",
        openCash: "-3100.00",
        mark: "158.00",
        marketValue: "3160.00",
        unrealized: "60.00",
        direction: "long",
        costBasis: "3100.00",
        costBasisPerShare: "155.00",
        openedOn: "2023-03-03",
      },
    ]);
    // −15,000.30 − 7,600.10 − 4,650 + 19,199.76 + 5,979.92
    expect(result.totals.stockCashFlow).toBe("-2070.72");
    expect(result.totals.realized).toBe("0.00");
    expect(reconciled(result)).toBe(true);
  });

  it("shares with no option written are a holding, not a wheel cycle", () => {
    expect(result.wheelCycles).toEqual([]);
  });
});
