import { beforeEach, describe, expect, it } from "vitest";
import type { CsvStreamOptions } from "@/lib/export/csv-stream";
import { csvStream } from "@/lib/export/csv-stream";
import { formatMoney, parseDecimal, sum } from "@/lib/money";
import { exportChains } from "@/lib/server/queries/export-chains";
import { exportPositions } from "@/lib/server/queries/export-positions";
import { exportStatistics } from "@/lib/server/queries/export-statistics";
import { exportUnderlyings } from "@/lib/server/queries/export-underlyings";
import { getDashboard } from "@/lib/server/queries/get-dashboard";
import { getPositionsPage } from "@/lib/server/queries/get-positions-page";
import { getStatistics } from "@/lib/server/queries/get-statistics";
import { listChains } from "@/lib/server/queries/list-chains";
import { seedComputedHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-0000000000e3";
const OTHER = "eeeeeeee-0000-4000-8000-0000000000e4";
const NOW = new Date("2026-11-26T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });
beforeEach(async () => {
  await seedComputedHistory(databases.db, TRADER, { now: NOW });
  await seedComputedHistory(databases.db, OTHER, { now: NOW, accountNumber: "9ZZ00001" });
});

/** The CSV as rows of fields (these exports hold no quoted fields), byte-order mark dropped. */
async function rowsOf(options: CsvStreamOptions): Promise<string[][]> {
  const text = await new Response(csvStream(options)).text();
  return text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
}

describe("CSV exports", () => {
  it("the per-underlying export's total row equals the dashboard's totals", async () => {
    const rows = await rowsOf(exportUnderlyings({ db: databases.db, robinhoodUserId: TRADER }));
    const dashboard = await getDashboard({ db: databases.db, robinhoodUserId: TRADER });
    expect(rows[0]).toEqual([
      "underlying",
      "realized_pnl",
      "unrealized_pnl",
      "fees",
      "open_positions",
      "unmarked_positions",
    ]);
    expect(rows.slice(1, -1).map((row) => row[0])).toEqual(["AAPL", "TSLA"]);
    expect(rows.at(-1)).toEqual([
      "Total",
      dashboard.totals.realized,
      dashboard.totals.unrealized,
      dashboard.totals.fees,
      "1",
      "0",
    ]);
    expect(rows.at(-1)?.[1]).toBe("423.9");
  });

  it("the statistics export prints the page's figures, the all-positions row last", async () => {
    const rows = await rowsOf(
      exportStatistics({ db: databases.db, robinhoodUserId: TRADER, grouping: "underlying" }),
    );
    const page = await getStatistics({ db: databases.db, robinhoodUserId: TRADER, grouping: "underlying" });
    const header = rows[0] ?? [];
    const realized = header.indexOf("realized_pnl");
    const captured = header.indexOf("premium_captured_percent");
    expect(rows.slice(1).map((row) => [row[0], row[realized], row[captured]])).toEqual([
      ["AAPL", "423.90", "85.8"],
      ["All closed positions", page.overall.realized, page.overall.premiumCaptured],
    ]);
  });

  it("the chains export reads page after page by cursor and totals exactly what the list holds", async () => {
    const rows = await rowsOf(exportChains({ db: databases.db, robinhoodUserId: TRADER, pageSize: 1 }));
    const list = await listChains({ db: databases.db, robinhoodUserId: TRADER });
    const body = rows.slice(1, -1);
    expect(body.map((row) => row[0])).toEqual(list.chains.map((chain) => chain.id));
    const realized = (rows[0] ?? []).indexOf("realized_pnl");
    expect(body.map((row) => row[realized])).toEqual(list.chains.map((chain) => chain.realized));
    expect(rows.at(-1)?.[0]).toBe("Total (2 chains)");
    expect(rows.at(-1)?.[realized]).toBe(
      formatMoney(sum(list.chains.map((chain) => parseDecimal(chain.realized)))),
    );
  });

  it("filters the chains export as the list is filtered, and never includes another user's chains", async () => {
    const rows = await rowsOf(
      exportChains({
        db: databases.db,
        robinhoodUserId: TRADER,
        filters: { underlying: "TSLA", status: "OPEN" },
      }),
    );
    expect(rows.slice(1, -1).map((row) => row[1])).toEqual(["TSLA"]);
    const theirs = await listChains({ db: databases.db, robinhoodUserId: OTHER });
    const all = await rowsOf(exportChains({ db: databases.db, robinhoodUserId: TRADER }));
    const ids = new Set(all.map((row) => row[0]));
    expect(theirs.chains.some((chain) => ids.has(chain.id))).toBe(false);
  });

  it("the positions export's totals row equals the Positions page's", async () => {
    const options = { db: databases.db, robinhoodUserId: TRADER, today: "2026-11-26" };
    const rows = await rowsOf(exportPositions(options));
    const page = await getPositionsPage(options);
    const header = rows[0] ?? [];
    const last = rows.at(-1) ?? [];
    expect(rows.slice(1, -1).map((row) => row[0])).toEqual(["TSLA"]);
    expect(last[0]).toBe("Total (1 positions)");
    expect(last[header.indexOf("unrealized_pnl")]).toBe(page.totals.unrealized);
    expect(last[header.indexOf("market_value")]).toBe(page.totals.marketValue);
    expect(last[header.indexOf("cost_basis")]).toBe(page.totals.costBasis);
  });
});
