import { describe, expect, it } from "vitest";
import type { OptionContract, PnlExecution, PnlLifecycleEvent, PnlStockTrade } from "@/lib/pnl";
import { setUpTestDatabases } from "@/tests/support/test-database";
import { appendBatch, incrementalThenFull, oneContractFill, putOn } from "./incremental-support";

// Incremental recompute from an underlying's flat cut (docs/RECOMPUTE.md, "Flat cuts"): the cases
// where something crosses, or nearly crosses, a flat moment. Each checks that the replay started at
// the cut and left exactly the rows a full replay leaves.

const TRADER = "f3f3f3f3-0000-4000-8000-0000000000cc";

const databases = setUpTestDatabases({ emptyBeforeEach: true });

const put = (expiration: string, strike: string) => putOn("FLT", expiration, strike);

let serial = 0;
function fill(
  contract: OptionContract,
  side: "buy" | "sell",
  effect: "open" | "close",
  at: string,
  price: string,
): PnlExecution {
  serial += 1;
  return oneContractFill(`cut-fill-${serial}`, contract, side, effect, `${at}:00.000Z`, price);
}

async function append(
  account: string,
  batch: { executions?: PnlExecution[]; events?: PnlLifecycleEvent[]; stockTrades?: PnlStockTrade[] },
) {
  await appendBatch(databases.db, TRADER, account, {
    executions: batch.executions ?? [],
    events: batch.events ?? [],
    stockTrades: batch.stockTrades ?? [],
  });
}

async function recomputeBoth(now: Date) {
  const run = await incrementalThenFull(databases.db, databases.owner, TRADER, now);
  expect(run.afterFull).toEqual(run.afterIncremental);
  expect(run.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
  return run;
}

const cutOf = async () =>
  (await databases.owner.query("SELECT cut_day::text AS day, stock_realized FROM recompute_flat_cuts"))
    .rows[0];

describe("incremental recompute from a flat cut", () => {
  it("chains a roll whose close and open straddle a flat moment of the cut's day", async () => {
    const now = new Date("2026-02-02T20:00:00Z");
    const march = put("2026-03-20", "50");
    const april = put("2026-04-17", "45");
    // Flat again at 15:00: the cut is that day (a later sync of the same day must start there).
    await append("CUT-A", {
      executions: [
        fill(march, "sell", "open", "2026-02-02T14:00", "2.00"),
        fill(march, "buy", "close", "2026-02-02T15:00", "1.20"),
      ],
    });
    await recomputeBoth(now);
    expect(await cutOf()).toMatchObject({ day: "2026-02-02" });

    // An hour later the same day: a new put of the same side opens, a roll from the closed one.
    await append("CUT-A", { executions: [fill(april, "sell", "open", "2026-02-02T16:00", "2.40")] });
    const run = await recomputeBoth(now);
    expect(run.incremental.fromCuts).toEqual({ FLT: "2026-02-02" });
    const chains = await databases.owner.query("SELECT roll_count, status FROM roll_chains");
    expect(chains.rows).toEqual([{ roll_count: 1, status: "OPEN" }]);
  });

  it("keeps a closed wheel cycle and its stock P&L, and starts the next cycle after the flat moment", async () => {
    const now = new Date("2026-07-01T15:00:00Z");
    const march = put("2026-03-20", "50");
    await append("CUT-A", {
      executions: [fill(march, "sell", "open", "2026-02-02T15:00", "1.50")],
      events: [
        {
          id: "cut-assigned",
          accountId: "ignored",
          type: "assignment",
          contract: march,
          quantity: "1",
          date: "2026-03-20",
          direction: "short",
          stockFees: "0",
        },
      ],
      stockTrades: [
        {
          id: "cut-called-away",
          accountId: "ignored",
          symbol: "FLT",
          side: "sell",
          quantity: "100",
          price: "52",
          fees: "0",
          executedAt: "2026-03-23T15:00:00.000Z",
          tradeDate: "2026-03-23",
        },
      ],
    });
    await recomputeBoth(now);
    // Shares sold on 03-23: flat from the next day on, with the shares' P&L kept for the cut.
    const cut = await cutOf();
    expect(cut.day).toBe("2026-03-24");
    expect(Object.values(cut.stock_realized)).toEqual(["200.00"]);

    await append("CUT-A", {
      executions: [fill(put("2026-09-18", "48"), "sell", "open", "2026-05-04T15:00", "1.10")],
    });
    const run = await recomputeBoth(now);
    expect(run.incremental.fromCuts).toEqual({ FLT: "2026-03-24" });
    expect(run.incremental.executions).toBe(1);
    const cycles = await databases.owner.query(
      "SELECT status, started_on::text FROM wheel_cycles ORDER BY started_on",
    );
    expect(cycles.rows).toEqual([
      { status: "CLOSED", started_on: "2026-02-02" },
      { status: "OPEN", started_on: "2026-05-04" },
    ]);
    const stock = await databases.owner.query(
      "SELECT quantity::text, realized_pnl::text FROM stock_positions",
    );
    expect(stock.rows).toEqual([{ quantity: "0.00000000", realized_pnl: "200.00000000" }]);
  });

  it("sums a day's closes of every account when the day is shared by the cut's replay", async () => {
    const now = new Date("2026-02-03T20:00:00Z");
    const march = put("2026-03-20", "50");
    // Account A: a lot opened the day before, closed on 02-03 (the day's start is spanned: the cut
    // falls on 02-02), and a day trade on 02-03.
    await append("CUT-A", {
      executions: [
        fill(march, "sell", "open", "2026-02-02T15:00", "2.00"),
        fill(march, "buy", "close", "2026-02-03T14:00", "1.00"),
      ],
    });
    await recomputeBoth(now);
    expect(await cutOf()).toMatchObject({ day: "2026-02-02" });

    // Account B trades on the same day after it: its close and A's share the 02-03 row.
    await append("CUT-B", {
      executions: [
        fill(march, "sell", "open", "2026-02-03T15:00", "3.00"),
        fill(march, "buy", "close", "2026-02-03T16:00", "2.50"),
      ],
    });
    const run = await recomputeBoth(now);
    expect(run.incremental.fromCuts).toEqual({ FLT: "2026-02-02" });
    const days = await databases.owner.query("SELECT trade_date::text, realized_pnl::text FROM daily_pnl");
    // A: (2.00 − 1.00) × 100 − 0.06 fees; B: (3.00 − 2.50) × 100 − 0.06.
    expect(days.rows).toEqual([{ trade_date: "2026-02-03", realized_pnl: "149.88000000" }]);

    // A's lot still spans the day's start: the cut stays before it, and another trade later that
    // day replays the whole day again, both accounts' rows included.
    expect(await cutOf()).toMatchObject({ day: "2026-02-02" });
    await append("CUT-A", {
      executions: [
        fill(march, "sell", "open", "2026-02-03T17:00", "2.00"),
        fill(march, "buy", "close", "2026-02-03T18:00", "1.90"),
      ],
    });
    const later = await recomputeBoth(now);
    expect(later.incremental.fromCuts).toEqual({ FLT: "2026-02-02" });
    const after = await databases.owner.query("SELECT trade_date::text, realized_pnl::text FROM daily_pnl");
    expect(after.rows).toEqual([{ trade_date: "2026-02-03", realized_pnl: "159.82000000" }]);
  });

  it("replays the underlying whole when a change is dated before its cut", async () => {
    const now = new Date("2026-07-01T15:00:00Z");
    const march = put("2026-03-20", "50");
    await append("CUT-A", {
      executions: [
        fill(march, "sell", "open", "2026-02-02T15:00", "2.00"),
        fill(march, "buy", "close", "2026-02-03T15:00", "1.00"),
      ],
    });
    await recomputeBoth(now);
    expect(await cutOf()).toMatchObject({ day: "2026-02-04" });
    // An older import adds a fill before the cut: the cut is no longer known to be flat.
    await append("CUT-B", { executions: [fill(march, "sell", "open", "2026-02-01T15:00", "2.20")] });
    const run = await recomputeBoth(now);
    expect(run.incremental.scope).toEqual(["FLT"]);
    expect(run.incremental.fromCuts).toEqual({});
    // B's lot stays open until its contract expires (inferred, 03-20): flat from the day after.
    expect(await cutOf()).toMatchObject({ day: "2026-03-21" });
  });
});
