import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { input, reconciled, stock } from "./support/builders";
import { rename } from "./support/corporate-actions";

/**
 * Shares of a SPAC bought in two lots, re-rooted by the merger (DMYD → GENI), then mostly sold under
 * the new symbol. The rename moves the lots as they are (no P&L, no cash); the sale closes them FIFO
 * and realizes under GENI, where the broker shows it, and no DMYD position or short is left behind.
 */
describe("shares held through a merger rename are sold under the new symbol", () => {
  const result = computePnl(
    input({
      asOf: "2021-08-10",
      stockTrades: [
        // 300 × 10.00 = 3,000.00 and 100 × 11.50 = 1,150.00
        stock({ id: "b1", side: "buy", symbol: "DMYD", quantity: "300", price: "10.00", date: "2021-06-01" }),
        stock({ id: "b2", side: "buy", symbol: "DMYD", quantity: "100", price: "11.50", date: "2021-07-01" }),
        // 350 × 14.00 = 4,900.00, fees 0.05
        stock({
          id: "s1",
          side: "sell",
          symbol: "GENI",
          quantity: "350",
          price: "14.00",
          fees: "0.05",
          date: "2021-08-02",
        }),
      ],
      corporateActions: [rename({ id: "ren", date: "2021-07-20", from: "DMYD", to: "GENI" })],
      stockMarks: { GENI: "13.00" },
    }),
  );

  it("realizes the sale FIFO under GENI against the DMYD lots", () => {
    expect(result.stockMatches).toMatchObject([
      // 300 × 14.00 − 3,000.00 − 0.05 × 300/350 (0.042857, truncated)
      { underlying: "GENI", openTradeId: "b1", closeTradeId: "s1", quantity: "300", realized: "1199.957143" },
      // 50 × 14.00 − 50 × 11.50 − the fee's remaining 0.007143
      { underlying: "GENI", openTradeId: "b2", closeTradeId: "s1", quantity: "50", realized: "124.992857" },
    ]);
    expect(result.totals).toMatchObject({
      stockRealized: "1324.95",
      // −3,000.00 − 1,150.00 + 4,900.00 − 0.05
      stockCashFlow: "749.95",
    });
    expect(result.byUnderlying.find((row) => row.underlying === "GENI")?.stockRealized).toBe("1324.95");
  });

  it("keeps the rest under GENI and leaves nothing, long or short, under DMYD", () => {
    expect(result.stockPositions).toEqual([
      expect.objectContaining({
        underlying: "GENI",
        quantity: "50",
        averagePrice: "11.50",
        costBasis: "575.00",
        openedOn: "2021-07-01",
        // 50 × 13.00 = 650.00; − 575.00
        marketValue: "650.00",
        unrealized: "75.00",
      }),
    ]);
    expect(result.issues).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });
});
