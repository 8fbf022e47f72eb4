import { describe, expect, it } from "vitest";
import { dateColumn } from "@/lib/dates/trading-date";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { openDemoAccount } from "@/lib/server/demo/open-demo-account";
import { getEquitySeries } from "@/lib/server/queries/get-equity-series";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { SIM_NOW, setUpSyncTestbed } from "@/tests/integration/sync/sync-test-support";

const bed = setUpSyncTestbed();
const REAL_TRADER = "3f1c2a9e-5b7d-4e21-9a0c-7d4e8b6f1a23";
// SIM_NOW is 17:00 in New York on 2026-11-18: after the close.
const MORNING = new Date("2026-11-18T15:00:00Z");

const openDemo = (now = SIM_NOW) => openDemoAccount({ db: bed.db, baseUrl: bed.simulator.url, now });

async function days(userId: string) {
  const { rows } = await bed.owner.query(
    `SELECT mark_date::text AS date, after_close, taken_at, unrealized_pnl::text AS unrealized,
            option_unrealized::text AS options, stock_unrealized::text AS stock, unmarked_positions
     FROM daily_mark_days WHERE user_id = $1 ORDER BY mark_date`,
    [userId],
  );
  return rows;
}

async function marks(userId: string) {
  const { rows } = await bed.owner.query(
    `SELECT kind::text, position_key, symbol, quantity::text, mark_price::text, market_value::text,
            unrealized_pnl::text AS unrealized
     FROM daily_marks WHERE user_id = $1 ORDER BY position_key, account_id`,
    [userId],
  );
  return rows;
}

describe("daily marks", () => {
  it("a sync after the close stores the day's marks of every open contract and stock position, exactly", async () => {
    const demo = await openDemo();
    const userId = userIdFromRobinhoodUserId(demo.robinhoodUserId);

    const [day, ...more] = await days(userId);
    expect(more).toEqual([]);
    expect(day).toMatchObject({ date: "2026-11-18", after_close: true });
    const stored = await marks(userId);
    const { rows: open } = await bed.owner.query(
      `SELECT (SELECT count(*) FROM open_positions WHERE user_id = $1)::int AS options,
              (SELECT count(*) FROM stock_positions WHERE user_id = $1 AND quantity <> 0)::int AS stock,
              (SELECT coalesce(sum(unrealized_pnl), 0) FROM open_positions WHERE user_id = $1)::text AS o,
              (SELECT coalesce(sum(unrealized_pnl), 0) FROM stock_positions WHERE user_id = $1)::text AS s`,
      [userId],
    );
    const expected = open[0];
    expect(expected.options).toBeGreaterThan(0);
    expect(expected.stock).toBeGreaterThan(0);
    expect(stored.filter((row) => row.kind === "OPTION")).toHaveLength(expected.options);
    expect(stored.filter((row) => row.kind === "STOCK")).toHaveLength(expected.stock);
    expect(day.options).toBe(expected.o);
    expect(day.stock).toBe(expected.s);
    // Short contracts are stored with a negative quantity; the day's sum is the rows' sum.
    expect(stored.some((row) => row.kind === "OPTION" && row.quantity.startsWith("-"))).toBe(true);
    const { rows: sums } = await bed.owner.query(
      "SELECT coalesce(sum(unrealized_pnl), 0)::text AS total FROM daily_marks WHERE user_id = $1",
      [userId],
    );
    expect(sums[0].total).toBe(day.unrealized);

    // The dashboard's equity curve: on that day, all realized P&L so far plus the day's unrealized.
    const chart = await getEquitySeries({
      db: bed.db,
      robinhoodUserId: demo.robinhoodUserId,
      range: "ALL",
      now: SIM_NOW,
    });
    const { rows: realized } = await bed.owner.query(
      "SELECT sum(realized_pnl)::text AS total FROM daily_pnl WHERE user_id = $1 AND trade_date <= '2026-11-18'",
      [userId],
    );
    const point = chart.points.find((candidate) => candidate.date === "2026-11-18");
    expect(chart.markedDays).toBe(1);
    expect(Number(point?.realized)).toBe(Number(realized[0].total));
    const { rows: exact } = await bed.owner.query("SELECT ($1::numeric + $2::numeric)::text AS equity", [
      point?.realized,
      day.unrealized,
    ]);
    expect(Number(point?.equity)).toBe(Number(exact[0].equity));
    expect(point?.equity).toMatch(/^-?\d+\.\d{2,6}$/);
    const month = await getEquitySeries({
      db: bed.db,
      robinhoodUserId: demo.robinhoodUserId,
      range: "1M",
      now: SIM_NOW,
    });
    expect(month.points.every((candidate) => candidate.date >= "2026-10-18")).toBe(true);
    expect(month.points.at(-1)).toEqual(chart.points.at(-1));
  });

  it("a second sync the same day adds nothing and changes nothing", async () => {
    const demo = await openDemo();
    const userId = userIdFromRobinhoodUserId(demo.robinhoodUserId);
    const firstDays = await days(userId);
    const firstMarks = await marks(userId);

    await recomputeUserPnl({
      db: bed.db,
      robinhoodUserId: demo.robinhoodUserId,
      trigger: "sync",
      now: SIM_NOW,
    });
    await recomputeUserPnl({
      db: bed.db,
      robinhoodUserId: demo.robinhoodUserId,
      trigger: "sync",
      now: new Date(SIM_NOW.getTime() + 3_600_000),
    });

    expect(await days(userId)).toEqual(firstDays);
    expect(await marks(userId)).toEqual(firstMarks);
  });

  it("the first sync of a day stores intraday marks, replaced once by the first after the close", async () => {
    const demo = await openDemo(MORNING);
    const userId = userIdFromRobinhoodUserId(demo.robinhoodUserId);
    expect(await days(userId)).toEqual([expect.objectContaining({ date: "2026-11-18", after_close: false })]);
    const count = (await marks(userId)).length;

    await recomputeUserPnl({
      db: bed.db,
      robinhoodUserId: demo.robinhoodUserId,
      trigger: "sync",
      now: SIM_NOW,
    });
    const [closing] = await days(userId);
    expect(closing).toMatchObject({ date: "2026-11-18", after_close: true });
    expect(closing.taken_at).toEqual(SIM_NOW);
    expect(await marks(userId)).toHaveLength(count);

    // The next day starts its own record.
    const nextDay = new Date(SIM_NOW.getTime() + 86_400_000);
    await recomputeUserPnl({
      db: bed.db,
      robinhoodUserId: demo.robinhoodUserId,
      trigger: "sync",
      now: nextDay,
    });
    expect((await days(userId)).map((day) => day.date)).toEqual(["2026-11-18", "2026-11-19"]);
  });

  it("a demo user's marks stay in the demo: a real trader holding the same contract keeps Robinhood's", async () => {
    const demo = await openDemo();
    const demoId = userIdFromRobinhoodUserId(demo.robinhoodUserId);
    const { rows: held } = await bed.owner.query(
      `SELECT p.instrument_id::text, trim_scale(m.mark_price)::text AS demo_mark
       FROM open_positions p JOIN demo_option_marks m ON m.instrument_id = p.instrument_id
       WHERE p.user_id = $1 LIMIT 1`,
      [demoId],
    );
    const instrumentId = held[0]?.instrument_id as string;
    expect(held[0]?.demo_mark).not.toBe("0.42");

    await seedRealShortContract(instrumentId);
    await bed.owner.query(
      "INSERT INTO option_marks (instrument_id, as_of, mark_price) VALUES ($1, $2, 0.42)",
      [instrumentId, new Date(SIM_NOW.getTime() - 86_400_000)],
    );
    await recomputeUserPnl({ db: bed.db, robinhoodUserId: REAL_TRADER, trigger: "sync", now: SIM_NOW });

    const realId = userIdFromRobinhoodUserId(REAL_TRADER);
    const { rows: contract } = await bed.owner.query(
      "SELECT underlying FROM option_instruments WHERE id = $1",
      [instrumentId],
    );
    expect(await marks(realId)).toEqual([
      {
        kind: "OPTION",
        position_key: `option:${instrumentId}:short`,
        symbol: contract[0]?.underlying,
        quantity: "-1.00000000",
        mark_price: "0.42000000",
        market_value: "-42.00000000",
        unrealized: "58.00000000",
      },
    ]);
    const demoMark = (await marks(demoId)).find((row) => row.position_key === `option:${instrumentId}:short`);
    expect(demoMark?.mark_price).not.toBe("0.42000000");

    // Row-level security: the real trader's reads see none of the demo's marks.
    const visible = await withUserTransaction(
      { db: bed.db, robinhoodUserId: REAL_TRADER, purpose: "work" },
      (tx) => tx.dailyMark.findMany({ select: { userId: true } }),
    );
    expect(new Set(visible.map((row) => row.userId))).toEqual(new Set([realId]));
  });
});

/** A real (Robinhood) trader who sold one contract to open at 1.00, still open. */
async function seedRealShortContract(instrumentId: string) {
  await withUserTransaction(
    { db: bed.db, robinhoodUserId: REAL_TRADER, purpose: "sign-in" },
    async (tx, user) => {
      const account = await tx.brokerAccount.create({ data: { userId: user.id, accountNumber: "REAL0001" } });
      const order = await tx.optionOrder.create({
        data: {
          userId: user.id,
          accountId: account.id,
          brokerOrderId: "real-order-1",
          source: "API",
          state: "filled",
          chainSymbol: "X",
          quantity: "1",
          processedQuantity: "1",
          brokerCreatedAt: new Date("2026-11-10T15:00:00Z"),
          brokerUpdatedAt: new Date("2026-11-10T15:00:00Z"),
        },
      });
      const leg = await tx.optionLeg.create({
        data: {
          userId: user.id,
          orderId: order.id,
          brokerLegId: "real-leg-1",
          instrumentId,
          side: "SELL",
          positionEffect: "OPEN",
        },
      });
      await tx.optionExecution.create({
        data: {
          userId: user.id,
          legId: leg.id,
          brokerExecutionId: "real-ex-1",
          price: "1.00",
          quantity: "1",
          fees: "0",
          executedAt: new Date("2026-11-10T15:00:00Z"),
          tradeDate: dateColumn("2026-11-10"),
        },
      });
      await markInputsChanged(tx, user, { full: true });
    },
  );
}
