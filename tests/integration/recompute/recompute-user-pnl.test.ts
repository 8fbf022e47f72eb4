import { describe, expect, it } from "vitest";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { seedOptionsHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-000000000005";
const NOW = new Date("2026-11-26T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });

/** Every derived row of every user, in a stable order, without the insertion timestamp. */
async function derivedSnapshot() {
  const tables = [
    "roll_chains",
    "roll_links",
    "matched_lots",
    "open_positions",
    "stock_positions",
    "daily_pnl",
  ];
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    const { rows } = await databases.owner.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3`);
    snapshot[table] = rows.map(({ created_at: _ignored, ...row }) => row);
  }
  return snapshot;
}

describe("recomputeUserPnl", () => {
  it("persists exact realized and unrealized P&L, the roll chain and the daily totals", async () => {
    await seedOptionsHistory(databases.db, TRADER);
    const summary = await recomputeUserPnl({
      db: databases.db,
      robinhoodUserId: TRADER,
      trigger: "manual",
      now: NOW,
    });

    // 254.00 - 0.06 (open) - 70.00 (buy back) + 240.00 - 0.04 (roll) = 423.90, all realized at expiry.
    expect(summary).toMatchObject({
      executions: 4,
      events: 1,
      chains: 2,
      realized: "423.90",
      reconciles: true,
    });

    const { rows: chains } = await databases.owner.query(
      "SELECT underlying, status, roll_count, net_premium::text, realized_pnl::text FROM roll_chains ORDER BY underlying",
    );
    expect(chains).toEqual([
      {
        underlying: "AAPL",
        status: "EXPIRED",
        roll_count: 1,
        net_premium: "423.90000000",
        realized_pnl: "423.90000000",
      },
      {
        underlying: "TSLA",
        status: "OPEN",
        roll_count: 0,
        net_premium: "499.97000000",
        realized_pnl: "0.00000000",
      },
    ]);
    const { rows: links } = await databases.owner.query("SELECT kinds, net_credit::text FROM roll_links");
    // Closed 2 @ 0.35 (-70.00) and opened 2 @ 1.20 (+240.00 - 0.04): a credit of 169.96, rolled up and out.
    expect(links).toEqual([{ kinds: ["OUT", "UP"], net_credit: "169.96000000" }]);

    const { rows: lots } = await databases.owner.query(
      "SELECT side, quantity::text, open_price::text, close_price::text, close_kind, fees::text, realized_pnl::text FROM matched_lots ORDER BY closed_at",
    );
    // A lot's fees are its opening and closing fills' shares of theirs (the buy back and the
    // expiry cost none).
    expect(lots).toEqual([
      {
        side: "SHORT",
        quantity: "2.00000000",
        open_price: "1.27000000",
        close_price: "0.35000000",
        close_kind: "TRADE",
        fees: "0.06000000",
        realized_pnl: "183.94000000",
      },
      {
        side: "SHORT",
        quantity: "2.00000000",
        open_price: "1.20000000",
        close_price: "0.00000000",
        close_kind: "EXPIRATION",
        fees: "0.04000000",
        realized_pnl: "239.96000000",
      },
    ]);

    const { rows: open } = await databases.owner.query(
      "SELECT side, quantity::text, mark_price::text, unrealized_pnl::text FROM open_positions",
    );
    // Sold at 5.00 less 0.03 fees, marked at 3.50: 499.97 - 350.00.
    expect(open).toEqual([
      { side: "SHORT", quantity: "-1.00000000", mark_price: "3.50000000", unrealized_pnl: "149.97000000" },
    ]);

    const { rows: days } = await databases.owner.query(
      "SELECT trade_date::text, underlying, realized_pnl::text, fees::text FROM daily_pnl ORDER BY trade_date",
    );
    expect(days).toEqual([
      { trade_date: "2026-10-14", underlying: "AAPL", realized_pnl: "183.94000000", fees: "0.06000000" },
      { trade_date: "2026-11-20", underlying: "AAPL", realized_pnl: "239.96000000", fees: "0.04000000" },
    ]);

    const { rows: queued } = await databases.owner.query("SELECT user_id FROM recompute_queue");
    expect(queued).toEqual([]);

    const { rows: runs } = await databases.owner.query(
      "SELECT status, execution_count, lot_count, trigger FROM recompute_runs",
    );
    expect(runs).toEqual([{ status: "SUCCEEDED", execution_count: 4, lot_count: 2, trigger: "manual" }]);
  });

  it("is idempotent: a second run leaves identical rows and the same chain ids", async () => {
    await seedOptionsHistory(databases.db, TRADER);
    await recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });
    const first = await derivedSnapshot();
    await recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });
    expect(await derivedSnapshot()).toEqual(first);
    expect(first.roll_chains).toHaveLength(2);
  });

  it("gives identical rows when two recomputes of one user run at once", async () => {
    await seedOptionsHistory(databases.db, TRADER);
    await recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });
    const single = await derivedSnapshot();
    await Promise.all([
      recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW }),
      recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW }),
    ]);
    expect(await derivedSnapshot()).toEqual(single);
  });

  it("keeps the previous rows and records a failed run when the inputs cannot be computed", async () => {
    const { user } = await seedOptionsHistory(databases.db, TRADER);
    await recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });
    const before = await derivedSnapshot();
    await databases.owner.query(
      "UPDATE option_executions SET quantity = 0 WHERE broker_execution_id = 'ex-4'",
    );

    await expect(
      recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW }),
    ).rejects.toThrow();
    expect(await derivedSnapshot()).toEqual(before);
    const { rows } = await databases.owner.query(
      "SELECT status, error IS NOT NULL AS has_error FROM recompute_runs WHERE user_id = $1 ORDER BY created_at",
      [user.id],
    );
    expect(rows).toEqual([
      { status: "SUCCEEDED", has_error: false },
      { status: "FAILED", has_error: true },
    ]);
  });
});
