import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { type CsvImport, importRobinhoodCsv } from "@/lib/robinhood/csv";
import { fixture } from "./support";

const imported = importRobinhoodCsv(fixture("activity-report.csv"));
const byRow = (row: number) => imported.rows.find((item) => item.row === row);

describe("activity report import", () => {
  it("recognises the report by its header and accounts for every row", () => {
    expect(imported.format).toBe("activity-report");
    // 21 data records (records 2–22), each used, unused with a reason, or an error; then the trailer.
    expect(imported.rows).toHaveLength(21);
    expect(imported.errors).toEqual([]);
    expect(imported.rows.map((row) => row.use).filter((use) => use === "unused")).toHaveLength(
      imported.unused.filter((row) => row.code !== "blank" && row.code !== "trailer").length,
    );
    expect(imported.unused.map((row) => [row.row, row.code])).toEqual([
      [16, "ACH"],
      [17, "XYZW"],
      [20, "SXCH"],
      [21, "SXCH"],
      [23, "blank"],
      [24, "trailer"],
    ]);
    expect(imported.unused.find((row) => row.code === "XYZW")).toMatchObject({
      reason: 'other activity (unknown code "XYZW"), kept with its amount',
      amount: "1.00",
    });
  });

  it("keeps identical partial fills as separate executions with distinct, stable ids", () => {
    const fills = imported.executions.filter(
      (execution) => execution.contract.underlying === "ACME" && execution.side === "sell",
    );
    expect(fills).toHaveLength(2);
    const [first, second] = [byRow(9), byRow(11)];
    expect(first?.hash).toBe(second?.hash);
    expect([first?.occurrence, second?.occurrence]).toEqual([0, 1]);
    expect(fills.map((fill) => fill.id).sort()).toEqual([`rh:${first?.key}`, `rh:${second?.key}`].sort());
    const again = importRobinhoodCsv(fixture("activity-report.csv"));
    expect(again.executions.map((execution) => execution.id)).toEqual(
      imported.executions.map((execution) => execution.id),
    );
  });

  it("books cash from Amount: the fee is the difference to Price × Quantity × 100", () => {
    expect(imported.executions.find((execution) => execution.contract.underlying === "BIGC")).toMatchObject({
      contract: {
        underlying: "BIGC",
        expiration: "2023-12-15",
        strike: "1250",
        optionType: "call",
        multiplier: "100",
      },
      side: "sell",
      positionEffect: "open",
      quantity: "1",
      price: "12.50",
      fees: "0.04",
      tradeDate: "2023-09-08",
      executedAt: "2023-09-08T12:00:00.000Z",
    });
  });

  it("turns a Buy row that is not an option's stock into a stock trade, its fee from Amount", () => {
    expect(byRow(14)?.use).toBe("stock-trade");
    expect(imported.stockTrades).toEqual([
      {
        id: `rh:${byRow(14)?.key}`,
        accountId: "robinhood",
        orderId: null,
        symbol: "ACME",
        side: "buy",
        quantity: "10",
        price: "21.00",
        // 10 × 21.00 = 210.00 = |Amount|
        fees: "0.00",
        executedAt: "2023-09-05T12:00:00.000Z",
        tradeDate: "2023-09-05",
      },
    ]);
  });

  it("turns OEXP / OASGN / OEXCS into events, reading the S suffix as the long side", () => {
    expect(
      imported.events.map((event) => [
        event.type,
        event.contract.underlying,
        event.direction,
        event.stockFees,
      ]),
    ).toEqual([
      ["expiration", "ACME", "short", null],
      ["assignment", "WIDG", "short", "0.05"],
      ["exercise", "GIZM", "long", "0.03"],
      ["expiration", "ACME", "long", null],
    ]);
    expect([byRow(4)?.use, byRow(6)?.use]).toEqual(["stock-leg", "stock-leg"]);
  });

  it("turns an OCA pair into a rename of the underlying, effective on its date", () => {
    expect(imported.corporateActions).toEqual([
      {
        type: "rename",
        id: expect.stringMatching(/^rh-oca:[0-9a-f]{32}:0$/),
        accountId: "robinhood",
        date: "2023-08-15",
        symbol: "OLDX",
        newSymbol: "NEWX",
      },
    ]);
    const id = imported.corporateActions[0]?.id;
    expect([byRow(18), byRow(19)].map((row) => [row?.use, row?.ids])).toEqual([
      ["corporate-action", [id]],
      ["corporate-action", [id]],
    ]);
    expect(imported.executions.some((execution) => execution.price === "0")).toBe(false);
  });

  it("the import replays to exact P&L with no unexplained position", () => {
    const result = computePnl({
      executions: imported.executions,
      events: imported.events,
      stockTrades: imported.stockTrades,
      corporateActions: imported.corporateActions,
      marks: {},
      asOf: "2023-09-30",
    });
    // 83.96 − 35.00 + 29.97 − 110.00 + (−100.00 + 159.96)
    expect(result.totals.realized).toBe("28.89");
    // The call bought as OLDX and sold as NEWX is one position, realized under NEWX.
    expect(result.byUnderlying.find((row) => row.underlying === "NEWX")).toMatchObject({ realized: "59.96" });
    expect(result.chains.find((chain) => chain.underlying === "NEWX")?.adjustments).toHaveLength(1);
    // 799.95 + 1,499.97 from the assigned and exercised shares, − 210.00 for the ACME purchase
    expect(result.totals.stockCashFlow).toBe("2089.92");
    // The fixture sells GIZM and WIDG shares it never bought: short, as the broker would show them.
    expect(result.stockPositions.map((position) => [position.underlying, position.quantity])).toEqual([
      ["ACME", "10"],
      ["GIZM", "-100"],
      ["WIDG", "-100"],
    ]);
    expect(result.issues.map((issue) => issue.code)).toEqual(["missing-mark"]);
    expect(result.reconciliation.options.holds).toBe(true);
    expect(result.reconciliation.stock.holds).toBe(true);
  });
});

describe("a spreadsheet re-save of the same report", () => {
  const resaved: CsvImport = importRobinhoodCsv(fixture("activity-report-resaved.csv"));

  it("reads CRLF records, M/D/YY dates, trailing spaces and no trailer", () => {
    expect(resaved.errors).toEqual([]);
    expect(resaved.rows).toHaveLength(5);
    expect(resaved.unused).toEqual([]);
    expect(resaved.stockTrades).toMatchObject([
      { symbol: "ACME", side: "buy", quantity: "10", fees: "0.00" },
    ]);
    expect(resaved.rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it("gives the same rows the same natural keys as the original export", () => {
    const keys = new Set(imported.rows.map((row) => row.key));
    expect(resaved.rows.every((row) => keys.has(row.key))).toBe(true);
  });
});
