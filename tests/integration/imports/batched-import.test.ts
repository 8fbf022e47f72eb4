import { describe, expect, it } from "vitest";
import { importAndRecompute } from "@/lib/server/imports/import-and-recompute";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { setUpTestDatabases, userTablesWithRows } from "@/tests/support/test-database";
import { fillRow, NUL_BYTE_REFUSAL, reportWithNulByte, syntheticReport } from "./support/synthetic-report";

const TRADER = "eeeeeeee-0000-4000-8000-000000000021";
const ROWS = 1_200;
// Small batches, so a 1,200-row file is written in 12 batches.
const limits = { batchRows: 100 };

const databases = setUpTestDatabases({ emptyBeforeEach: true });

async function nothingWritten() {
  expect(await userTablesWithRows(databases.owner)).toEqual([]);
  const { rows } = await databases.owner.query("SELECT count(*)::int AS n FROM option_instruments");
  expect(rows[0].n).toBe(0);
}

describe("a file written in many batches", () => {
  it("imports every row once, and importing it again adds nothing", async () => {
    const { db, owner } = databases;
    const text = syntheticReport(ROWS);
    const result = await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "big.csv", text, limits });
    expect(result).toMatchObject({ status: "imported", rows: ROWS, newExecutions: ROWS, duplicateRows: 0 });
    const { rows } = await owner.query(
      "SELECT (SELECT count(*)::int FROM option_executions) AS fills, (SELECT count(*)::int FROM import_rows) AS rows",
    );
    expect(rows[0]).toEqual({ fills: ROWS, rows: ROWS });

    // The same rows in another file (one row more) are recognised by their natural keys.
    const again = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "big-again.csv",
      text: syntheticReport(ROWS + 1),
      limits,
    });
    expect(again).toMatchObject({ status: "imported", newExecutions: 1, duplicateRows: ROWS });
  });

  it("a bad row near the end rejects the whole file with that row named, and writes nothing", async () => {
    const { db } = databases;
    const text = syntheticReport(ROWS, new Map([[ROWS - 2, fillRow(ROWS - 2).replace("$41.98", "$41.9x")]]));
    const result = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "bad-end.csv",
      text,
      limits,
    });
    expect(result).toMatchObject({
      status: "rejected",
      errorCount: 1,
      errors: [{ row: ROWS, line: ROWS, column: "Amount", reason: 'not an amount: "$41.9x"' }],
    });
    await nothingWritten();
  });

  it("lists the first 100 of many bad rows and says how many there were", async () => {
    const { db } = databases;
    const bad = new Map(Array.from({ length: 250 }, (_, index) => [index * 4, "not,a,row,at,all,,,,"]));
    const result = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "many-bad.csv",
      text: syntheticReport(ROWS, bad),
      limits,
    });
    expect(result.status).toBe("rejected");
    if (result.status !== "rejected") return;
    expect(result.errors).toHaveLength(100);
    expect(result.errorCount).toBeGreaterThanOrEqual(250);
    expect(result.message).toMatch(/could not be read.*The first 100 are listed\./);
    await nothingWritten();
  });

  it("a database failure after several batches were written rolls every batch back", async () => {
    const { db, owner } = databases;
    // A trigger that fails the insert of the 1,001st data row's stored copy: by then 10 batches of
    // fills, orders, legs, instruments and rows went to the database in the import's transaction.
    await owner.query(`
      CREATE FUNCTION fail_late_import_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.row_number = 1002 THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_late_import_row BEFORE INSERT ON import_rows
        FOR EACH ROW EXECUTE FUNCTION fail_late_import_row();`);
    try {
      const failure = importAndRecompute({
        db,
        robinhoodUserId: TRADER,
        fileName: "fails-late.csv",
        text: syntheticReport(ROWS),
        limits,
      });
      await expect(failure).rejects.toMatchObject({
        code: "import_failed",
        userMessage: "Import failed: an internal error occurred. Try again later.",
      });
      await nothingWritten();
    } finally {
      await owner.query(
        "DROP TRIGGER fail_late_import_row ON import_rows; DROP FUNCTION fail_late_import_row();",
      );
    }
  });

  it("a NUL byte is a row error with its row and column, not an internal error, and nothing is written", async () => {
    const { db } = databases;
    const text = reportWithNulByte();
    const result = await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "nul.csv", text });
    expect(result).toMatchObject(NUL_BYTE_REFUSAL);
    await nothingWritten();
  });
});
