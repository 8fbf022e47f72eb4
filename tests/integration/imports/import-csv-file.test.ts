import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CSV_ORDER_PREFIX } from "@/lib/server/imports/csv-ids";
import { deleteImport } from "@/lib/server/imports/delete-import";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { getChain } from "@/lib/server/queries/get-chain";
import { getImport } from "@/lib/server/queries/get-import";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { seedOptionsHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-000000000011";
const OTHER = "eeeeeeee-0000-4000-8000-000000000012";
// A Friday after every contract in the fixture but BIGC expired, as the CLI tests use.
const AFTER_SEPTEMBER_EXPIRY = new Date("2023-09-29T20:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });

function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, "../../fixtures/csv", name), "utf8");
}

async function count(table: string): Promise<number> {
  const { rows } = await databases.owner.query(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

describe("importCsvFile", () => {
  it("stores every row and the fills and events, and recompute reports the CLI's figures", async () => {
    const { db, owner } = databases;
    const result = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "activity.csv",
      text: fixture("activity-report.csv"),
    });
    expect(result).toMatchObject({
      status: "imported",
      format: "activity-report",
      rows: 21,
      duplicateRows: 0,
      newExecutions: 8,
      newEvents: 4,
      newCorporateActions: 1,
    });
    expect(await count("option_executions")).toBe(8);
    expect(await count("corporate_actions")).toBe(1);
    expect(await count("option_events")).toBe(4);
    expect(await count("import_rows")).toBe(21);

    // Unused rows keep their values and say why they were not used.
    const { rows: deposit } = await owner.query(
      "SELECT status, reason, raw->>'Amount' AS amount FROM import_rows WHERE trans_code = 'ACH'",
    );
    expect(deposit).toEqual([{ status: "UNUSED", reason: expect.stringMatching(/\S/), amount: "$500.00" }]);
    const { rows: imports } = await owner.query(
      "SELECT status, row_count, imported_count, file_name FROM imports",
    );
    expect(imports).toEqual([
      // 8 fills, 4 events, 1 stock trade (the ACME purchase) and 1 rename.
      { status: "COMPLETED", row_count: 21, imported_count: 14, file_name: "activity.csv" },
    ]);
    // The import queued the user for the cron.
    expect(await count("recompute_queue")).toBe(1);

    const summary = await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "import",
      now: AFTER_SEPTEMBER_EXPIRY,
    });
    expect(summary).toMatchObject({ executions: 8, events: 4, realized: "28.89", reconciles: true });

    // The OLDX → NEWX rename is a stored step of the chain it moved, which the chain page reads.
    const { rows: renamed } = await owner.query(
      "SELECT id, underlying, realized_pnl::text AS realized, adjustments FROM roll_chains WHERE jsonb_array_length(adjustments) > 0",
    );
    expect(renamed).toMatchObject([
      {
        underlying: "NEWX",
        realized: "59.96000000",
        adjustments: [{ type: "rename", label: "renamed OLDX → NEWX" }],
      },
    ]);
    const detail = await getChain({ db, robinhoodUserId: TRADER, chainId: renamed[0].id });
    expect(detail?.adjustments).toEqual([
      {
        date: "2023-08-15",
        type: "rename",
        label: "renamed OLDX → NEWX",
        from: {
          underlying: "OLDX",
          expiration: "2023-10-20",
          strike: "10",
          optionType: "CALL",
          multiplier: "100",
        },
        to: {
          underlying: "NEWX",
          expiration: "2023-10-20",
          strike: "10",
          optionType: "CALL",
          multiplier: "100",
        },
        quantityBefore: "2",
        quantityAfter: "2",
      },
    ]);
  });

  it("carries an option held over a split into the adjusted contract, stored for it", async () => {
    const { db, owner } = databases;
    const header = `"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"`;
    const text = [
      header,
      `"6/10/2024","6/10/2024","6/10/2024","XYZ","XYZ Corp\nCUSIP: 000000XX1","SPL","100","",""`,
      `"6/3/2024","6/3/2024","6/4/2024","XYZ","XYZ 12/20/2024 Call $100.00","STO","1","$5.00","$499.97"`,
      `"6/3/2024","6/3/2024","6/4/2024","XYZ","XYZ Corp\nCUSIP: 000000XX1","Buy","100","$98.00","($9,800.00)"`,
    ].join("\n");
    const result = await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "split.csv", text });
    expect(result).toMatchObject({ status: "imported", newExecutions: 1, newCorporateActions: 1 });
    const summary = await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "import",
      now: new Date("2024-06-14T20:00:00Z"),
    });
    expect(summary).toMatchObject({ openPositions: 1, realized: "0.00", reconciles: true });
    // No row names the 2 × $50 call the split made: recompute stored its instrument.
    const { rows } = await owner.query(
      `SELECT p.quantity::text AS quantity, i.strike_price::text AS strike
       FROM open_positions p JOIN option_instruments i ON i.id = p.instrument_id`,
    );
    expect(rows).toEqual([{ quantity: "-2.00000000", strike: "50.00000000" }]);
  });

  it("keeps an option-orders export's orders whole, so its one-order roll still chains", async () => {
    const { db, owner } = databases;
    const result = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "orders.csv",
      text: fixture("option-orders.csv"),
    });
    expect(result).toMatchObject({ status: "imported", format: "option-orders", newExecutions: 6 });
    const summary = await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "import",
      now: new Date("2026-11-26T15:00:00Z"),
    });
    // As `npm run pnl -- tests/fixtures/csv/option-orders.csv --as-of 2026-11-26` reports: the rolled
    // call and the put spread, whose two legs (one order) are one chain.
    expect(summary).toMatchObject({ executions: 6, chains: 2, realized: "175.00", reconciles: true });
    const { rows } = await owner.query(
      "SELECT rolled_on::text, closed_quantity::text, net_credit::text FROM roll_links",
    );
    expect(rows).toEqual([
      { rolled_on: "2025-03-05", closed_quantity: "1.00000000", net_credit: "20.00000000" },
    ]);
  });

  it("reads an activity report's fills as of no known order, so a spread opened in one day is one position", async () => {
    const { db, owner } = databases;
    // A put spread opened at one instant: an activity report names no order, and the two fills
    // are found to be one position by account, underlying and day (each stored under an order id
    // made up from its own row, which must not count as an order of one leg).
    const text = [
      '"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"',
      '"3/03/2025","3/03/2025","3/04/2025","ACME","ACME 3/21/2025 Put $20.00","STO","1","$1.10","$109.95"',
      '"3/03/2025","3/03/2025","3/04/2025","ACME","ACME 3/21/2025 Put $18.00","BTO","1","$0.40","($40.05)"',
    ].join("\n");
    const result = await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "spread.csv", text });
    expect(result).toMatchObject({ status: "imported", format: "activity-report", newExecutions: 2 });
    const { rows: orders } = await owner.query("SELECT broker_order_id FROM option_orders");
    expect(orders.every(({ broker_order_id }) => broker_order_id.startsWith(CSV_ORDER_PREFIX))).toBe(true);
    await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "import",
      now: new Date("2025-03-10T15:00:00Z"),
    });
    const { rows } = await owner.query("SELECT strategy FROM roll_chains ORDER BY strategy");
    expect(rows).toEqual([{ strategy: "bull-put-spread" }]);
  });

  it("adds nothing when the same file, or a re-saved copy of its rows, comes again", async () => {
    const { db } = databases;
    const text = fixture("activity-report.csv");
    await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "a.csv", text });
    const again = await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "a-again.csv", text });
    expect(again).toMatchObject({ status: "already-imported" });

    const resaved = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "resaved.csv",
      text: fixture("activity-report-resaved.csv"),
    });
    expect(resaved).toMatchObject({
      status: "imported",
      rows: 5,
      duplicateRows: 5,
      newExecutions: 0,
      newEvents: 0,
    });
    expect(await count("option_executions")).toBe(8);
    expect(await count("option_events")).toBe(4);
    expect(await count("imports")).toBe(2);
  });

  it("rejects a file with bad rows whole, naming row, column and reason, and writes nothing", async () => {
    const { db } = databases;
    const result = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "bad.csv",
      text: fixture("activity-report-bad-rows.csv"),
    });
    expect(result.status).toBe("rejected");
    if (result.status !== "rejected") return;
    expect(result.errorCount).toBe(result.errors.length);
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        row: 2,
        column: "Activity Date",
        reason: expect.stringMatching(/13\/45\/2023/),
      }),
    );
    expect(result.errors).toContainEqual(expect.objectContaining({ row: 3, column: "Amount" }));
    for (const table of ["users", "imports", "import_rows", "option_orders", "option_executions"]) {
      expect(await count(table)).toBe(0);
    }
  });

  it("rejects a file that is not a Robinhood export", async () => {
    const result = await importCsvFile({
      db: databases.db,
      robinhoodUserId: TRADER,
      fileName: "notes.csv",
      text: "date,amount\n2023-01-01,5\n",
    });
    expect(result).toMatchObject({
      status: "rejected",
      message: expect.stringMatching(/not a Robinhood export/),
    });
    expect(await count("imports")).toBe(0);
  });

  it("keeps each user's imports apart", async () => {
    const { db, owner } = databases;
    const text = fixture("activity-report.csv");
    const mine = await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "a.csv", text });
    if (mine.status !== "imported") throw new Error(`import failed: ${mine.status}`);
    const detail = await getImport({ db, robinhoodUserId: TRADER, importId: mine.importId });
    expect(detail?.rows.map((row) => row.rowNumber)).toEqual([...Array(21).keys()].map((index) => index + 2));
    expect(await getImport({ db, robinhoodUserId: OTHER, importId: mine.importId })).toBeNull();
    const other = await importCsvFile({ db, robinhoodUserId: OTHER, fileName: "a.csv", text });
    expect(other).toMatchObject({ status: "imported", newExecutions: 8, duplicateRows: 0 });
    const { rows } = await owner.query(
      "SELECT count(DISTINCT user_id)::int AS users, count(*)::int AS fills FROM option_executions",
    );
    expect(rows).toEqual([{ users: 2, fills: 16 }]);
  });

  it("counts imported history only before the synced history starts, whichever came first", async () => {
    const { db } = databases;
    const header =
      '"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"';
    const text = [
      header,
      // The synced history (seedOptionsHistory) starts on 2026-10-01: this fill repeats one of it.
      '"10/1/2026","10/1/2026","10/2/2026","XYZ","XYZ 11/20/2026 Put $40.00","STO","2","$1.27","$253.94"',
      '"9/1/2025","9/1/2025","9/2/2025","OLD","OLD 9/19/2025 Put $10.00","STO","1","$0.50","$49.97"',
    ].join("\n");
    await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "overlap.csv", text });
    await seedOptionsHistory(db, TRADER);
    const summary = await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "import",
      now: new Date("2026-11-26T15:00:00Z"),
    });
    // The seeded four fills plus the 2025 one; the imported copy of 2026-10-01 is left out.
    expect(summary).toMatchObject({ executions: 5, reconciles: true });
    expect(await count("option_executions")).toBe(6);
  });

  it("removes an import with everything it added, and only the user's own", async () => {
    const { db } = databases;
    const result = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "a.csv",
      text: fixture("activity-report.csv"),
    });
    if (result.status !== "imported") throw new Error(`import failed: ${result.status}`);
    await recomputeUserPnl({ db, robinhoodUserId: TRADER, trigger: "import", now: AFTER_SEPTEMBER_EXPIRY });

    expect(await deleteImport({ db, robinhoodUserId: OTHER, importId: result.importId })).toBeNull();
    expect(await count("option_executions")).toBe(8);

    const deleted = await deleteImport({ db, robinhoodUserId: TRADER, importId: result.importId });
    expect(deleted).toEqual({ fileName: "a.csv", executions: 8, events: 4 });
    for (const table of [
      "imports",
      "import_rows",
      "option_orders",
      "option_legs",
      "option_executions",
      "option_events",
      "corporate_actions",
    ]) {
      expect(await count(table)).toBe(0);
    }
    const summary = await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "import",
      now: AFTER_SEPTEMBER_EXPIRY,
    });
    expect(summary).toMatchObject({ executions: 0, chains: 0, realized: "0.00" });
    expect(await count("matched_lots")).toBe(0);

    // The same file can then be imported again, as new.
    const again = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "a.csv",
      text: fixture("activity-report.csv"),
    });
    expect(again).toMatchObject({ status: "imported", newExecutions: 8, duplicateRows: 0 });
  });

  it("keeps the fees on stock delivered by assignments, so stock P&L matches the file", async () => {
    const { db, owner } = databases;
    await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "both-ways.csv",
      text: fixture("activity-report-assigned-both-ways.csv"),
    });
    await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "import",
      now: new Date("2023-10-31T20:00:00Z"),
    });
    // Bought 100 at 8.00 (assigned put, $0.04 fees), sold 100 at 9.00 (assigned call, $0.05 fees):
    // 100.00 - 0.09 = 99.91, as `npm run pnl` reports for the same file.
    const { rows } = await owner.query(
      "SELECT symbol, quantity::text, realized_pnl::text FROM stock_positions",
    );
    expect(rows).toEqual([{ symbol: "WIDG", quantity: "0.00000000", realized_pnl: "99.91000000" }]);
  });
});
