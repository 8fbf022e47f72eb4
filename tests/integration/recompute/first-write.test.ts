import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OptionContract, PnlExecution } from "@/lib/pnl";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { connectOwner, createAppDb, truncateAll } from "@/tests/support/test-database";
import {
  appendBatch,
  type Batch,
  DERIVED_TABLES,
  derivedSnapshot,
  oneContractFill,
  putOn,
} from "./incremental-support";

// A table that holds none of the user's rows (the first recompute of a history) takes its staged rows
// as they are: no anti-join, no update, no delete. When no table holds any (a true first recompute),
// the lots and days are inserted first and the other tables built while the server inserts them
// (`insertIntoEmptyTables`); when some do, the merge inserts into the empty ones. Most tests set the
// inline limit to 0 so every table is staged by COPY; the rows must be exactly those the merge leaves.

const TRADER = "f4f4f4f4-0000-4000-8000-0000000000dd";
const ACCOUNT = "FIRST-1";
const NOW = new Date("2026-07-01T15:00:00Z");
const COPY_PATH = { inlineStagingRows: 0 };

let owner: pg.Client;
let db: Database;
beforeAll(async () => {
  owner = await connectOwner();
  db = createAppDb();
});
afterAll(async () => {
  await db.$disconnect();
  await owner.end();
});
beforeEach(() => truncateAll(owner));

const put = (expiration: string, strike: string) => putOn("FWT", expiration, strike);

let serial = 0;
function fill(
  contract: OptionContract,
  side: "buy" | "sell",
  effect: "open" | "close",
  day: string,
  price: string,
): PnlExecution {
  serial += 1;
  return oneContractFill(`first-fill-${serial}`, contract, side, effect, `${day}T15:00:00.000Z`, price);
}

/**
 * Round trips on one put, a roll from it into a later one (closed and opened the same day), a put
 * left open, and shares bought and partly sold: rows in every derived table.
 */
function history(): Batch {
  const april = put("2026-04-17", "30");
  const may = put("2026-05-15", "28");
  const december = put("2026-12-18", "25");
  const executions: PnlExecution[] = [];
  for (let day = 2; day <= 20; day++) {
    const date = `2026-02-${String(day).padStart(2, "0")}`;
    executions.push(fill(april, "sell", "open", date, "1.20"), fill(april, "buy", "close", date, "0.70"));
  }
  executions.push(
    fill(april, "sell", "open", "2026-03-02", "1.10"),
    fill(april, "buy", "close", "2026-03-16", "0.40"),
    fill(may, "sell", "open", "2026-03-16", "0.95"),
    fill(may, "buy", "close", "2026-04-20", "0.10"),
    fill(december, "sell", "open", "2026-06-01", "1.75"),
  );
  const shares = (id: string, side: "buy" | "sell", quantity: string, day: string) => ({
    id,
    accountId: "ignored",
    symbol: "FWT",
    side,
    quantity,
    price: "31",
    fees: "0",
    executedAt: `${day}T15:00:00.000Z`,
    tradeDate: day,
  });
  return {
    executions,
    events: [],
    stockTrades: [
      shares("first-buy", "buy", "100", "2026-05-04"),
      shares("first-sell", "sell", "40", "2026-05-11"),
    ],
  };
}

const recompute = (options: { inlineStagingRows?: number } = {}) =>
  recomputeUserPnl({ db, robinhoodUserId: TRADER, trigger: "manual", now: NOW, mode: "full", ...options });

async function emptyDerivedTables(tables: readonly string[]) {
  await owner.query(`TRUNCATE ${tables.join(", ")}`);
}

describe("the first write of a user's derived rows", () => {
  it("inserts every row through COPY into empty tables and leaves the rows the merge leaves", async () => {
    await appendBatch(db, TRADER, ACCOUNT, history());
    const first = await recompute(COPY_PATH);
    const written = await derivedSnapshot(owner);
    for (const table of DERIVED_TABLES) expect(written[table]?.length, table).toBeGreaterThan(0);
    const rows = Object.values(written).reduce((sum, table) => sum + table.length, 0);
    expect(first.written).toEqual({ inserted: rows, updated: 0, deleted: 0 });

    // The merge over those rows, by COPY and inline, finds nothing to change.
    const mergedByCopy = await recompute(COPY_PATH);
    expect(mergedByCopy.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    const mergedInline = await recompute();
    expect(mergedInline.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(await derivedSnapshot(owner)).toEqual(written);

    // A first write with the small tables staged inline (no COPY of their own) leaves the same rows.
    await emptyDerivedTables(DERIVED_TABLES);
    const inline = await recompute();
    expect(inline.written).toEqual({ inserted: rows, updated: 0, deleted: 0 });
    expect(await derivedSnapshot(owner)).toEqual(written);
  });

  it("inserts straight into the tables left empty and merges the others, in one write", async () => {
    await appendBatch(db, TRADER, ACCOUNT, history());
    await recompute(COPY_PATH);
    const expected = await derivedSnapshot(owner);
    // Days and lots emptied (lots are children of chains, days of nothing); chains kept.
    await emptyDerivedTables(["daily_pnl", "matched_lots"]);
    const refilled = await recompute(COPY_PATH);
    const days = expected.daily_pnl?.length ?? 0;
    const lots = expected.matched_lots?.length ?? 0;
    expect(refilled.written).toEqual({ inserted: days + lots, updated: 0, deleted: 0 });
    expect(await derivedSnapshot(owner)).toEqual(expected);
  });

  it("fails with the lots' error when their insert fails, and writes nothing", async () => {
    await appendBatch(db, TRADER, ACCOUNT, history());
    await owner.query(`CREATE FUNCTION pg_temp.refuse_lots() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'lots refused for the test'; END $$`);
    await owner.query(
      "CREATE TRIGGER refuse_lots BEFORE INSERT ON matched_lots FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse_lots()",
    );
    try {
      await expect(recompute(COPY_PATH)).rejects.toThrow("lots refused for the test");
    } finally {
      await owner.query("DROP TRIGGER refuse_lots ON matched_lots");
    }
    const written = await derivedSnapshot(owner);
    for (const table of DERIVED_TABLES) expect(written[table], table).toEqual([]);
  });
});
