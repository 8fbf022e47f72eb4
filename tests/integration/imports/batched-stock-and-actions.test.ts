import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deleteImport } from "@/lib/server/imports/delete-import";
import { describeImport } from "@/lib/server/imports/describe-import";
import { importAndRecompute } from "@/lib/server/imports/import-and-recompute";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-000000000041";
// Batches of two rows (the import's rows are settled every record), so the fixture's stock trades,
// fills and rename land in different batches from the rows that made them wait.
const limits = { batchRows: 2 };

const databases = setUpTestDatabases({ emptyBeforeEach: true });

function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, "../../fixtures/csv", name), "utf8");
}

async function stored() {
  const { rows } = await databases.owner.query(
    `SELECT (SELECT count(*)::int FROM option_executions) AS executions,
            (SELECT count(*)::int FROM option_events) AS events,
            (SELECT count(*)::int FROM stock_trades) AS stock_trades,
            (SELECT count(*)::int FROM corporate_actions) AS corporate_actions,
            (SELECT count(*)::int FROM import_rows) AS import_rows`,
  );
  return rows[0];
}

describe("stock trades and corporate actions written in small batches", () => {
  it("are stored once as a one-batch import stores them, not again on re-import, and go with the import", async () => {
    const { db } = databases;
    const text = fixture("activity-report.csv");
    const result = await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "a.csv", text, limits });
    // What the same file imports in one batch (import-csv-file.test.ts): 8 fills, 4 events, the
    // ACME purchase and the rename.
    expect(result).toMatchObject({
      status: "imported",
      rows: 21,
      newExecutions: 8,
      newEvents: 4,
      newStockTrades: 1,
      newCorporateActions: 1,
    });
    expect(await stored()).toEqual({
      executions: 8,
      events: 4,
      stock_trades: 1,
      corporate_actions: 1,
      import_rows: 21,
    });

    // The same rows in another file (re-saved by a spreadsheet) add nothing.
    const again = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "again.csv",
      text: fixture("activity-report-resaved.csv"),
      limits,
    });
    expect(again).toMatchObject({
      status: "imported",
      newExecutions: 0,
      newEvents: 0,
      newStockTrades: 0,
      newCorporateActions: 0,
    });
    if (again.status === "imported")
      await deleteImport({ db, robinhoodUserId: TRADER, importId: again.importId });
    expect(await stored()).toMatchObject({ stock_trades: 1, corporate_actions: 1 });

    if (result.status !== "imported") throw new Error("expected an import");
    await deleteImport({ db, robinhoodUserId: TRADER, importId: result.importId });
    expect(await stored()).toEqual({
      executions: 0,
      events: 0,
      stock_trades: 0,
      corporate_actions: 0,
      import_rows: 0,
    });
  });

  it("reads a stock-orders export as a stream and stores each filled order once", async () => {
    const { db } = databases;
    // The fixture without its bad row (which would reject the file): three fills and an unfilled order.
    const text = fixture("stock-orders.csv")
      .split("\n")
      .filter((line) => !line.startsWith("BADX"))
      .join("\n");
    const result = await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "s.csv", text, limits });
    expect(result).toMatchObject({
      status: "imported",
      format: "stock-orders",
      rows: 4,
      usedRows: 3,
      newExecutions: 0,
      newStockTrades: 3,
    });
    expect(await stored()).toMatchObject({ stock_trades: 3, import_rows: 4 });
    const again = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "s2.csv",
      text: `${text}\n`,
      limits,
    });
    expect(again).toMatchObject({ status: "imported", newStockTrades: 0 });
    expect(await stored()).toMatchObject({ stock_trades: 3 });
  });

  it("recomputes after an export that brings only stock trades, and says what it added", async () => {
    const text = fixture("stock-orders.csv")
      .split("\n")
      .filter((line) => !line.startsWith("BADX"))
      .join("\n");
    const outcome = await importAndRecompute({
      db: databases.db,
      robinhoodUserId: TRADER,
      fileName: "s.csv",
      text,
      limits,
    });
    expect(describeImport(outcome)).toMatchObject({
      ok: true,
      message: expect.stringContaining("3 stock trades"),
    });
    expect(describeImport(outcome).message).toMatch(/recomputed/);
  });
});
