import { describe, expect, it } from "vitest";
import { computePnl, PnlInputError, type PnlStockTrade } from "@/lib/pnl";
import { input, stock } from "./support/builders";

describe("stock trade validation", () => {
  it("refuses malformed trades, naming each one and what is wrong", () => {
    const good = stock({
      id: "ok",
      side: "buy",
      symbol: "NIO",
      quantity: "1",
      price: "10",
      date: "2023-01-03",
    });
    const bad: PnlStockTrade[] = [
      good,
      { ...good, id: "" },
      { ...good, id: "q", quantity: "0" },
      { ...good, id: "p", price: "-1" },
      { ...good, id: "s", side: "short" as never },
      { ...good, id: "y", symbol: " " },
      { ...good, id: "d", tradeDate: "2023-02-30" },
      { ...good, id: "t", executedAt: "yesterday" },
      { ...good, id: "f", fees: "1.2.3" },
    ];
    let error: unknown;
    try {
      computePnl(input({ asOf: "2023-12-31", stockTrades: bad }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PnlInputError);
    expect((error as PnlInputError).problems).toEqual([
      { path: "stockTrades[1]", message: "id is empty" },
      { path: "stockTrades[2]", message: "quantity is not a positive decimal" },
      { path: "stockTrades[3]", message: "price is not a non-negative decimal" },
      { path: "stockTrades[4]", message: 'side must be "buy" or "sell"' },
      { path: "stockTrades[5]", message: "symbol is empty" },
      { path: "stockTrades[6]", message: "tradeDate is not a YYYY-MM-DD date" },
      { path: "stockTrades[7]", message: "executedAt is not an ISO-8601 instant" },
      { path: "stockTrades[8]", message: "fees is not a decimal" },
    ]);
  });

  it("leaves out a trade after the as-of date with an issue, like an execution", () => {
    const result = computePnl(
      input({
        asOf: "2023-01-02",
        stockTrades: [
          stock({ id: "late", side: "buy", symbol: "NIO", quantity: "1", price: "10", date: "2023-01-03" }),
        ],
      }),
    );
    expect(result.stockPositions).toEqual([]);
    expect(result.issues).toMatchObject([{ code: "after-as-of", stockTradeId: "late", contractKey: "NIO" }]);
  });

  it("rounds fractional shares × price once, half-even, and books the same figure as cash and cost", () => {
    // 0.078306 × 319.26 = 24.99997356 → 24.999974
    const result = computePnl(
      input({
        asOf: "2023-01-31",
        stockTrades: [
          stock({
            id: "frac",
            side: "buy",
            symbol: "QQQ",
            quantity: "0.078306",
            price: "319.26",
            fees: "0.000026",
            date: "2023-01-03",
          }),
        ],
      }),
    );
    expect(result.totals.stockCashFlow).toBe("-25.00");
    expect(result.stockPositions[0]).toMatchObject({ quantity: "0.078306", costBasis: "25.00" });
    expect(result.reconciliation.stock.holds).toBe(true);
  });
});
