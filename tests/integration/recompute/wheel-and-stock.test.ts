import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { getWheel } from "@/lib/server/queries/get-wheel";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-000000000031";
const OTHER = "eeeeeeee-0000-4000-8000-000000000032";
const AFTER_SEPTEMBER_EXPIRY = new Date("2023-09-29T20:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });

const report = readFileSync(path.join(import.meta.dirname, "../../fixtures/csv/activity-report.csv"), "utf8");

async function wheelRows() {
  const { rows } = await databases.owner.query(
    `SELECT id, underlying, status::text, started_on::text, ended_on, shares_held::text,
            premium_collected::text, cost_basis::text, capital_tied_up::text
     FROM wheel_cycles ORDER BY id`,
  );
  return rows;
}

describe("recompute stores the stock ledger and the wheel", () => {
  it("keeps bought shares with their cost basis and the open wheel cycle written on them", async () => {
    const { db, owner } = databases;
    await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "activity.csv", text: report });
    await recomputeUserPnl({ db, robinhoodUserId: TRADER, trigger: "manual", now: AFTER_SEPTEMBER_EXPIRY });

    // ACME: 10 shares bought on 9/5 for $210.00, then puts sold on the same underlying (the CLI's
    // figures for the same file): one open cycle holding the shares.
    const { rows: acme } = await owner.query(
      `SELECT quantity::text, cost_basis::text, opened_on::text, mark_price, unrealized_pnl
       FROM stock_positions WHERE symbol = 'ACME'`,
    );
    expect(acme).toEqual([
      {
        quantity: "10.00000000",
        cost_basis: "210.00000000",
        opened_on: "2023-09-05",
        mark_price: null,
        unrealized_pnl: null,
      },
    ]);
    const cycles = await wheelRows();
    expect(cycles).toMatchObject([
      {
        underlying: "ACME",
        status: "OPEN",
        started_on: "2023-09-05",
        ended_on: null,
        shares_held: "10.00000000",
        premium_collected: "48.96000000",
        cost_basis: "210.00000000",
      },
    ]);

    // The read model the Wheel page renders.
    const wheel = await getWheel({ db, robinhoodUserId: TRADER });
    expect(wheel.cycles).toMatchObject([
      { underlying: "ACME", status: "open", sharesHeld: "10", premiumCollected: "48.96" },
    ]);
    expect(wheel.holdings.map((row) => [row.symbol, row.quantity, row.costBasis])).toContainEqual([
      "ACME",
      "10",
      "210",
    ]);

    // Idempotent: the same inputs leave the same rows, ids included.
    await recomputeUserPnl({ db, robinhoodUserId: TRADER, trigger: "manual", now: AFTER_SEPTEMBER_EXPIRY });
    expect(await wheelRows()).toEqual(cycles);
  });

  it("shows one user's cycles to that user only", async () => {
    const { db } = databases;
    await importCsvFile({ db, robinhoodUserId: TRADER, fileName: "activity.csv", text: report });
    await recomputeUserPnl({ db, robinhoodUserId: TRADER, trigger: "manual", now: AFTER_SEPTEMBER_EXPIRY });
    const other = await getWheel({ db, robinhoodUserId: OTHER });
    expect(other).toEqual({ cycles: [], holdings: [] });
  });
});
