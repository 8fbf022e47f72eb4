import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { importRobinhoodCsv } from "@/lib/robinhood/csv";
import { fixture } from "./support";

describe("robin_stocks stock-orders export", () => {
  const imported = importRobinhoodCsv(fixture("stock-orders.csv"));

  it("is recognised by its header and turns each filled order into a stock trade", () => {
    expect(imported.format).toBe("stock-orders");
    expect(
      imported.stockTrades.map((trade) => [
        trade.side,
        trade.quantity,
        trade.price,
        trade.fees,
        trade.tradeDate,
      ]),
    ).toEqual([
      ["buy", "100", "21.50", "0", "2023-03-01"],
      ["buy", "50", "22.00", "0", "2023-03-02"],
      // 23.12345678 rounded half-even to six places
      ["sell", "120", "23.123457", "0.03", "2023-03-10"],
    ]);
    expect(imported.stockTrades[0]?.executedAt).toBe("2023-03-01T15:30:12.345678Z");
    expect(imported.warnings.map((warning) => warning.row)).toEqual([4]);
  });

  it("accounts for every other row: blank, unfilled, or an error naming its column", () => {
    expect(imported.unused.map((row) => [row.row, row.code])).toEqual([
      [5, "blank"],
      [6, "unfilled"],
    ]);
    expect(imported.errors).toMatchObject([{ row: 7, column: "date" }]);
  });

  it("replays through the stock ledger", () => {
    const result = computePnl({
      executions: [],
      events: [],
      stockTrades: imported.stockTrades,
      marks: {},
      asOf: "2023-03-31",
    });
    // 120 × 23.123457 − 0.03 − (100 × 21.50 + 20 × 22.00)
    expect(result.totals.stockRealized).toBe("184.78484");
    expect(result.stockPositions).toMatchObject([
      { underlying: "ACME", quantity: "30", costBasis: "660.00" },
    ]);
    expect(result.reconciliation.stock.holds).toBe(true);
  });
});
