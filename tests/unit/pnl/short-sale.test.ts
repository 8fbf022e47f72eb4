import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { input, reconciled, stock } from "./support/builders";

const history = input({
  asOf: "2023-06-30",
  stockTrades: [
    stock({
      id: "short",
      side: "sell",
      symbol: "GME",
      quantity: "100",
      price: "25.00",
      fees: "0.02",
      date: "2023-06-01",
    }),
    stock({ id: "cover", side: "buy", symbol: "GME", quantity: "100", price: "20.00", date: "2023-06-15" }),
  ],
  stockMarks: { GME: "27.00" },
});

describe("a short sale, then a buy to cover", () => {
  it("a sale with no shares held opens a short, valued as a liability at the mark", () => {
    const open = computePnl({ ...history, asOf: "2023-06-10" });
    expect(open.stockPositions).toEqual([
      {
        accountId: "acct-1",
        underlying: "GME",
        quantity: "-100",
        averagePrice: "25.00",
        openCash: "2499.98",
        mark: "27.00",
        marketValue: "-2700.00",
        // 2,499.98 received, 2,700 to buy back
        unrealized: "-200.02",
        direction: "short",
        costBasis: "2499.98",
        costBasisPerShare: "24.9998",
        openedOn: "2023-06-01",
      },
    ]);
    expect(open.issues.map((issue) => issue.code)).toEqual(["after-as-of"]);
    expect(reconciled(open)).toBe(true);
  });

  it("the buy closes the short first and realizes the drop", () => {
    const result = computePnl(history);
    expect(result.stockPositions).toEqual([]);
    expect(result.stockMatches).toMatchObject([
      {
        direction: "short",
        openTradeId: "short",
        closeTradeId: "cover",
        quantity: "100",
        // 100 × (25 − 20) − 0.02
        realized: "499.98",
      },
    ]);
    expect(result.totals.stockRealized).toBe("499.98");
    expect(reconciled(result)).toBe(true);
  });

  it("a day's sale listed before that day's purchase (one instant, as in a CSV) is a day trade, not a short", () => {
    const result = computePnl(
      input({
        asOf: "2023-06-30",
        stockTrades: [
          stock({
            id: "a-sell",
            side: "sell",
            symbol: "GME",
            quantity: "50",
            price: "21.00",
            date: "2023-06-20",
          }),
          stock({
            id: "b-buy",
            side: "buy",
            symbol: "GME",
            quantity: "50",
            price: "20.00",
            date: "2023-06-20",
          }),
        ],
      }),
    );
    expect(result.stockMatches).toMatchObject([
      { direction: "long", openTradeId: "b-buy", closeTradeId: "a-sell", realized: "50.00" },
    ]);
    expect(result.stockPositions).toEqual([]);
  });
});
