import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { PnlStockTrade } from "@/lib/pnl";
import { deleteImport } from "@/lib/server/imports/delete-import";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { setUpTestDatabases } from "@/tests/support/test-database";

/** Equity trades as the activity-report parser reports `Buy`/`Sell` rows (ids are row keys). */
const STOCK_TRADES: PnlStockTrade[] = [
  {
    id: "csv:stock-buy:0",
    accountId: "robinhood",
    symbol: "SOFI",
    side: "buy",
    quantity: "100",
    price: "9.87",
    fees: "0",
    executedAt: "2023-08-01T20:00:00.000Z",
    tradeDate: "2023-08-01",
  },
  {
    id: "csv:stock-sell:0",
    accountId: "robinhood",
    symbol: "SOFI",
    side: "sell",
    quantity: "40",
    price: "10.015",
    fees: "0.02",
    executedAt: "2023-08-15T20:00:00.000Z",
    tradeDate: "2023-08-15",
  },
];

// The parser that fills `stockTrades` from Buy/Sell rows lands on its own; here the import's (one)
// batch reports these two instead, so this file pins what the import stores, whatever the parser's rules.
vi.mock("@/lib/robinhood/csv", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/robinhood/csv")>();
  return {
    ...actual,
    streamCsvImport: (options: Parameters<typeof actual.streamCsvImport>[0]) => {
      const onBatch = options.onBatch;
      if (onBatch === undefined) return actual.streamCsvImport(options);
      let first = true;
      return actual.streamCsvImport({
        ...options,
        onBatch: (batch) => {
          const stockTrades = first ? STOCK_TRADES : [];
          first = false;
          return onBatch({ ...batch, stockTrades });
        },
      });
    },
  };
});

const TRADER = "eeeeeeee-0000-4000-8000-000000000031";
const databases = setUpTestDatabases({ emptyBeforeEach: true });

function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, "../../fixtures/csv", name), "utf8");
}

async function storedStockTrades() {
  const { rows } = await databases.owner.query(
    `SELECT broker_trade_id, kind::text, source::text, symbol, side::text, trim_scale(quantity)::text AS quantity,
            trim_scale(price)::text AS price, trim_scale(amount)::text AS amount, trim_scale(fees)::text AS fees,
            executed_at, trade_date::text AS trade_date, import_id::text, event_id
     FROM stock_trades ORDER BY broker_trade_id`,
  );
  return rows;
}

describe("importing equity trades", () => {
  it("stores them under the import with exact decimals, once, and removing the import removes them", async () => {
    const { db, owner } = databases;
    const first = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "activity.csv",
      text: fixture("activity-report.csv"),
    });
    expect(first).toMatchObject({ status: "imported", newStockTrades: 2, newExecutions: 8, newEvents: 4 });
    const importId = first.status === "imported" ? first.importId : "";
    expect(await storedStockTrades()).toEqual([
      {
        broker_trade_id: "csv:stock-buy:0",
        kind: "TRADE",
        source: "CSV",
        symbol: "SOFI",
        side: "BUY",
        quantity: "100",
        price: "9.87",
        amount: "987",
        fees: "0",
        executed_at: new Date("2023-08-01T20:00:00.000Z"),
        trade_date: "2023-08-01",
        import_id: importId,
        event_id: null,
      },
      {
        broker_trade_id: "csv:stock-sell:0",
        kind: "TRADE",
        source: "CSV",
        symbol: "SOFI",
        side: "SELL",
        quantity: "40",
        price: "10.015",
        amount: "400.6",
        fees: "0.02",
        executed_at: new Date("2023-08-15T20:00:00.000Z"),
        trade_date: "2023-08-15",
        import_id: importId,
        event_id: null,
      },
    ]);
    const { rows: counted } = await owner.query("SELECT imported_count FROM imports");
    // 8 fills, 4 events, the 2 trades and the fixture's rename.
    expect(counted).toEqual([{ imported_count: 15 }]);

    // Another file with the same rows (the same report re-saved by a spreadsheet) adds nothing.
    const second = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "again.csv",
      text: fixture("activity-report-resaved.csv"),
    });
    expect(second).toMatchObject({ status: "imported", newStockTrades: 0 });
    expect(await storedStockTrades()).toHaveLength(2);

    await owner.query("DELETE FROM recompute_queue");
    expect(await deleteImport({ db, robinhoodUserId: TRADER, importId })).not.toBeNull();
    expect(await storedStockTrades()).toEqual([]);
    const { rows: queued } = await owner.query("SELECT count(*)::int AS n FROM recompute_queue");
    expect(queued).toEqual([{ n: 1 }]);
  });
});
