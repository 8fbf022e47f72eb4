import { describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { setUpTestDatabases } from "@/tests/support/test-database";
import { fillRow, REPORT_HEADER, syntheticReport } from "./support/synthetic-report";

// A large first import must leave planner statistics that count its rows: the recompute that
// follows reads the user's fills through joins planned from them, and an incremental recompute's
// scoped read ran as nested loops for 45 s at 100,000 fills on statistics that said the user had
// none (docs/RECOMPUTE.md, "Planner statistics"). The policy wants 1,000 rows and half the user's.

const TRADER = "eeeeeeee-0000-4000-8000-000000000041";
const databases = setUpTestDatabases({ emptyBeforeEach: true });

/** How many times a table was analyzed by hand (autovacuum's own runs are counted apart). */
async function manualAnalyzes(table: string): Promise<number> {
  const { rows } = await databases.owner.query<{ analyzes: number }>(
    "SELECT analyze_count::int AS analyzes FROM pg_stat_user_tables WHERE relid = $1::regclass",
    [table],
  );
  return rows[0]?.analyzes ?? -1;
}

/** The planner's estimate of the trader's rows in a table. */
async function estimatedRows(table: string): Promise<number> {
  const { rows } = await databases.owner.query(
    `EXPLAIN (FORMAT JSON) SELECT * FROM ${table} WHERE user_id = $1`,
    [userIdFromRobinhoodUserId(TRADER)],
  );
  return rows[0]["QUERY PLAN"][0].Plan["Plan Rows"];
}

describe("planner statistics after an import", () => {
  it("are refreshed by the import that brought most of the user's fills, and not by a small one", async () => {
    const { db } = databases;
    const tables = ["option_orders", "option_legs", "option_executions"];
    const before = await Promise.all(tables.map(manualAnalyzes));
    const eventsBefore = await manualAnalyzes("option_events");

    const large = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "a.csv",
      text: syntheticReport(1_200),
    });
    expect(large).toMatchObject({ status: "imported", newExecutions: 1_200 });
    expect(await Promise.all(tables.map(manualAnalyzes))).toEqual(before.map((count) => count + 1));
    // Analyzed inside the import's transaction: the statistics count the rows it wrote.
    expect(await estimatedRows("option_executions")).toBe(1_200);
    // Nothing new there: left to autovacuum.
    expect(await manualAnalyzes("option_events")).toBe(eventsBefore);

    const small = [REPORT_HEADER, ...Array.from({ length: 10 }, (_, index) => fillRow(5_000 + index))].join(
      "\n",
    );
    const next = await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "b.csv", text: `${small}\n` });
    expect(next).toMatchObject({ status: "imported", newExecutions: 10 });
    expect(await Promise.all(tables.map(manualAnalyzes))).toEqual(before.map((count) => count + 1));
  });
});
