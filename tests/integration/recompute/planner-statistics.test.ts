import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OptionContract, PnlExecution } from "@/lib/pnl";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import type { StatisticsPolicy } from "@/lib/server/recompute/statistics-policy";
import { connectOwner, createAppDb, truncateAll } from "@/tests/support/test-database";
import { appendBatch } from "./incremental-support";

// After a recompute that wrote a large share of a user's derived rows, the planner's statistics
// must count them before the next statement plans with them: the next recompute's merge joins the
// user's stored rows with the staged ones, and with statistics that say the user has none it plans
// nested loops over both sides (a second full recompute of 100,000 fills ran 2,605 s, the first
// 34 s). The default policy wants 1,000 rows changed; these tests lower it to 20.

const TRADER = "f3f3f3f3-0000-4000-8000-0000000000cc";
const ACCOUNT = "STATS-1";
const NOW = new Date("2026-07-01T15:00:00Z");
const POLICY: StatisticsPolicy = { minRows: 20, share: 0.5 };

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

const CONTRACT: OptionContract = {
  underlying: "STS",
  expiration: "2026-12-18",
  strike: "30",
  optionType: "put",
  multiplier: "100",
};

let serial = 0;
function fill(side: "buy" | "sell", effect: "open" | "close", day: string, price: string): PnlExecution {
  serial += 1;
  return {
    id: `stats-fill-${serial}`,
    accountId: "ignored",
    orderId: null,
    legId: null,
    contract: CONTRACT,
    side,
    positionEffect: effect,
    quantity: "1",
    price,
    fees: "0.03",
    executedAt: `${day}T15:00:00.000Z`,
    tradeDate: day,
  };
}

/** `count` puts sold and bought back the same day, one a trading day from 2 February 2026. */
function roundTrips(count: number): PnlExecution[] {
  const fills: PnlExecution[] = [];
  for (let index = 0; index < count; index++) {
    const day = new Date(Date.UTC(2026, 1, 2 + Math.floor(index / 5) * 7 + (index % 5)))
      .toISOString()
      .slice(0, 10);
    fills.push(fill("sell", "open", day, "1.20"), fill("buy", "close", day, "0.70"));
  }
  return fills;
}

/** What the planner believes of a table: its row count, and how many times it was analyzed by hand. */
async function statistics(table: string) {
  const { rows } = await owner.query<{ reltuples: number; analyzes: number; rows: number }>(
    `SELECT c.reltuples::float8 AS reltuples, s.analyze_count::int AS analyzes,
            (SELECT count(*)::int FROM ${table}) AS rows
       FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.oid = $1::regclass`,
    [table],
  );
  const [row] = rows;
  if (!row) throw new Error(`no table ${table}`);
  return row;
}

/** The planner's estimate of the trader's rows in a table. */
async function estimatedRows(table: string, userId: string): Promise<number> {
  const { rows } = await owner.query(`EXPLAIN (FORMAT JSON) SELECT * FROM ${table} WHERE user_id = $1`, [
    userId,
  ]);
  return rows[0]["QUERY PLAN"][0].Plan["Plan Rows"];
}

describe("planner statistics after a recompute", () => {
  it("are refreshed inside the recompute that filled the derived tables, and not by a small incremental one", async () => {
    await appendBatch(db, TRADER, ACCOUNT, { executions: roundTrips(40), events: [], stockTrades: [] });
    const before = await statistics("matched_lots");

    const first = await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "sync",
      now: NOW,
      statistics: POLICY,
    });
    expect(first.written.inserted).toBeGreaterThan(80);
    expect(first.analyzed).toEqual(expect.arrayContaining(["roll_chains", "matched_lots", "daily_pnl"]));
    // A table with fewer rows than the policy's minimum is left to autovacuum.
    expect(first.analyzed).not.toContain("open_positions");
    const lots = await statistics("matched_lots");
    expect(lots.rows).toBe(40);
    // Analyzed once, inside the recompute's transaction: it counted the rows that transaction wrote.
    expect(lots.analyzes).toBe(before.analyzes + 1);
    expect(lots.reltuples).toBe(40);
    const { rows: users } = await owner.query<{ id: string }>("SELECT id FROM users");
    const userId = users[0]?.id ?? "";
    expect(await estimatedRows("matched_lots", userId)).toBe(40);
    expect(await estimatedRows("roll_chains", userId)).toBe((await statistics("roll_chains")).rows);

    // Two more fills: the incremental recompute changes a few rows and analyzes nothing.
    await appendBatch(db, TRADER, ACCOUNT, {
      executions: [fill("sell", "open", "2026-06-29", "1.10"), fill("buy", "close", "2026-06-30", "0.50")],
      events: [],
      stockTrades: [],
    });
    const incremental = await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "sync",
      now: NOW,
      statistics: POLICY,
    });
    expect(incremental.scope).toEqual(["STS"]);
    expect(incremental.written.inserted).toBeGreaterThan(0);
    expect(incremental.analyzed).toEqual([]);
    expect((await statistics("matched_lots")).analyzes).toBe(lots.analyzes);

    // A full replay over the same rows changes nothing, so it analyzes nothing either.
    const full = await recomputeUserPnl({
      db,
      robinhoodUserId: TRADER,
      trigger: "manual",
      now: NOW,
      mode: "full",
      statistics: POLICY,
    });
    expect(full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(full.analyzed).toEqual([]);
    expect((await statistics("matched_lots")).analyzes).toBe(lots.analyzes);
  });

  it("skips, after 2 s, tables another transaction keeps locked, instead of failing or waiting for that transaction", async () => {
    await appendBatch(db, TRADER, ACCOUNT, { executions: roundTrips(30), events: [], stockTrades: [] });
    // A VACUUM, or another recompute's ANALYZE, holds the lock ANALYZE needs until it ends.
    await owner.query("BEGIN");
    try {
      await owner.query("LOCK TABLE matched_lots, daily_pnl IN SHARE UPDATE EXCLUSIVE MODE");
      const summary = await recomputeUserPnl({
        db,
        robinhoodUserId: TRADER,
        trigger: "sync",
        now: NOW,
        statistics: POLICY,
      });
      expect(summary.written.inserted).toBeGreaterThan(60);
      expect(summary.analyzed).toContain("roll_chains");
      expect(summary.analyzed).not.toContain("matched_lots");
      expect(summary.analyzed).not.toContain("daily_pnl");
      // 2 s for matched_lots, then daily_pnl is not waited for (another 2 s without that).
      expect(summary.phaseMs.analyze).toBeGreaterThanOrEqual(1_900);
      expect(summary.phaseMs.analyze).toBeLessThan(3_500);
    } finally {
      await owner.query("COMMIT");
    }
    expect((await statistics("matched_lots")).rows).toBe(30);
  });
});
