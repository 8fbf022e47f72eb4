import { describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { importAndRecompute } from "@/lib/server/imports/import-and-recompute";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { importCsvFileInWorker } from "@/lib/server/imports/import-in-worker";
import { setUpTestDatabases, userTablesWithRows } from "@/tests/support/test-database";
import { NUL_BYTE_REFUSAL, reportWithNulByte, syntheticReport } from "./support/synthetic-report";

// The server imports in a worker thread with a capped heap (importCsvFileInWorker); these tests run
// that path end to end against PostgreSQL. The import logic itself is tested in-process by the other
// files of this folder.
const TRADER = "eeeeeeee-0000-4000-8000-000000000041";
const OTHER = "eeeeeeee-0000-4000-8000-000000000042";
const limits = { batchRows: 100 };

const databases = setUpTestDatabases({ emptyBeforeEach: true });

async function nothingWritten() {
  expect(await userTablesWithRows(databases.owner)).toEqual([]);
}

describe("an import in the worker thread", () => {
  it("answers what the same import in-process answers and writes the rows under the user's id", async () => {
    const { db, owner } = databases;
    const bytes = new TextEncoder().encode(syntheticReport(1_000));
    const result = await importCsvFileInWorker({
      db,
      robinhoodUserId: TRADER,
      fileName: "worker.csv",
      text: bytes,
      limits,
    });
    expect(result).toMatchObject({ status: "imported", rows: 1_000, newExecutions: 1_000, duplicateRows: 0 });
    // The upload's bytes were moved to the worker, not copied.
    expect(bytes.byteLength).toBe(0);
    const { rows } = await owner.query(
      "SELECT DISTINCT user_id::text FROM option_executions UNION SELECT DISTINCT user_id::text FROM import_rows",
    );
    expect(rows).toEqual([{ user_id: userIdFromRobinhoodUserId(TRADER) }]);

    // The same rows in-process for another user: the same summary.
    const inProcess = await importCsvFile({
      db,
      robinhoodUserId: OTHER,
      fileName: "worker.csv",
      text: syntheticReport(1_000),
      limits,
    });
    expect({ ...inProcess, importId: "" }).toEqual({ ...result, importId: "" });
  });

  it("a NUL byte comes back as a row error naming its row and column, and nothing is written", async () => {
    const { db } = databases;
    const text = reportWithNulByte();
    const result = await importCsvFileInWorker({ db, robinhoodUserId: TRADER, fileName: "nul.csv", text });
    expect(result).toMatchObject(NUL_BYTE_REFUSAL);
    await nothingWritten();
  });

  it("two imports of one user in two workers: one runs, the other is refused at once", async () => {
    const { db } = databases;
    const [first, second] = await Promise.all([
      importCsvFileInWorker({ db, robinhoodUserId: TRADER, fileName: "a.csv", text: syntheticReport(2_000) }),
      importCsvFileInWorker({ db, robinhoodUserId: TRADER, fileName: "b.csv", text: syntheticReport(2_001) }),
    ]);
    expect([first.status, second.status].sort()).toEqual(["imported", "refused"]);
  });

  it("an error in the worker reaches the caller as the same AppError (a deleted account)", async () => {
    const { db } = databases;
    await withUserTransaction({ db, robinhoodUserId: TRADER, purpose: "sign-in" }, async () => {});
    await databases.owner.query("INSERT INTO account_deletions (robinhood_user_id) VALUES ($1)", [TRADER]);
    await databases.owner.query("DELETE FROM users WHERE robinhood_user_id = $1", [TRADER]);
    await expect(
      importCsvFileInWorker({ db, robinhoodUserId: TRADER, fileName: "gone.csv", text: syntheticReport(5) }),
    ).rejects.toMatchObject({ name: "AccountDeletedError", code: "account_deleted" });
    await nothingWritten();
  });

  it("a worker that runs out of memory writes nothing, says so, and frees the user's import slot", async () => {
    const { db } = databases;
    const failure = importAndRecompute({
      db,
      robinhoodUserId: TRADER,
      fileName: "huge.csv",
      text: syntheticReport(3_000),
      limits,
      // Far below what the import needs, so V8 stops the worker part-way.
      resourceLimits: { maxOldGenerationSizeMb: 12, maxYoungGenerationSizeMb: 2 },
    });
    await expect(failure).rejects.toMatchObject({
      code: "import_failed",
      userMessage:
        "Import failed: The file needed more memory than one import may use, so nothing was imported. Export shorter date ranges and import each file.",
    });
    await nothingWritten();
    // The dead worker's connections closed, so PostgreSQL released its slot: the next import runs.
    const next = await importCsvFileInWorker({
      db,
      robinhoodUserId: TRADER,
      fileName: "small.csv",
      text: syntheticReport(5),
    });
    expect(next.status).toBe("imported");
  });
});
