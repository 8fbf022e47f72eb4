import { describe, expect, it } from "vitest";
import { computePnl, contractKey } from "@/lib/pnl";
import { DAY_COLUMNS, derivedRows, LOT_COLUMNS } from "@/lib/server/recompute/derived-rows";
import { fill, input, option } from "@/tests/unit/pnl/support/builders";

const USER = "aaaaaaaa-0000-4000-8000-000000000001";
const INSTRUMENT = "11111111-0000-4000-8000-000000000001";
const call = option("COIN 2023-12-01 131 call");

// Bought 3 with 0.09 of fees, sold 1 (fees 0.05) at 10:00 and 2 (fees 0.04) at 15:00 the next day.
const result = computePnl(
  input({
    asOf: "2023-11-30",
    executions: [
      fill({
        id: "buy",
        code: "BTO",
        contract: call,
        quantity: "3",
        price: "2.00",
        fees: "0.09",
        date: "2023-11-28",
      }),
      fill({
        id: "sell-1",
        code: "STC",
        contract: call,
        quantity: "1",
        price: "2.50",
        fees: "0.05",
        date: "2023-11-29",
        time: "10:00",
      }),
      fill({
        id: "sell-2",
        code: "STC",
        contract: call,
        quantity: "2",
        price: "1.50",
        fees: "0.04",
        date: "2023-11-29",
        time: "15:00",
      }),
    ],
  }),
);

function tableRows(table: string, columns: readonly string[], picked: readonly string[]) {
  const rows = derivedRows({
    userId: USER,
    result,
    instrumentIds: { idOf: (key) => (key === contractKey(call) ? INSTRUMENT : undefined) },
    openingStrategies: new Map(),
  }).find((derived) => derived.table === table)?.rows;
  return (rows ?? []).map((row) =>
    Object.fromEntries(picked.map((name) => [name, row[columns.indexOf(name)]])),
  );
}

describe("derived rows", () => {
  it("give each lot its share of the opening fees plus its closer's fees, and its realized P&L net of both", () => {
    expect(
      tableRows("matched_lots", LOT_COLUMNS, ["lot_key", "quantity", "close_price", "fees", "realized_pnl"]),
    ).toEqual([
      // 250.00 − 200.00 − 0.03 − 0.05
      { lot_key: "buy>sell-1#1", quantity: "1", close_price: "2.50", fees: "0.08", realized_pnl: "49.92" },
      // 300.00 − 400.00 − 0.06 − 0.04
      { lot_key: "buy>sell-2#1", quantity: "2", close_price: "1.50", fees: "0.10", realized_pnl: "-100.10" },
    ]);
  });

  it("sum the day's lots into its daily row", () => {
    expect(tableRows("daily_pnl", DAY_COLUMNS, ["trade_date", "underlying", "realized_pnl", "fees"])).toEqual(
      [{ trade_date: "2023-11-29", underlying: "COIN", realized_pnl: "-50.18", fees: "0.18" }],
    );
  });
});
