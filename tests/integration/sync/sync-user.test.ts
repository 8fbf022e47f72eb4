import { describe, expect, it } from "vitest";
import { tradingDateOf } from "@/lib/dates/trading-date";
import type { OptionOrder } from "@/lib/robinhood/client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import type { SyncProgress } from "@/lib/server/sync/sync-types";
import { syncUser } from "@/lib/server/sync/sync-user";
import { DEMO_USERNAME } from "@/simulator";
import {
  expectedCounts,
  queueRevision,
  rawCounts,
  SIM_NOW,
  setUpSyncTestbed,
  signInDemo,
  syncState,
} from "./sync-test-support";

const bed = setUpSyncTestbed();

const demo = () => signInDemo(bed.simulator);

describe("syncUser: a first sync of the demo trader", () => {
  it("writes every account, order, leg, execution, contract, event, stock trade and live mark served", async () => {
    const { session, robinhoodUserId, userId } = await demo();
    const history = bed.simulator.controls.history(DEMO_USERNAME);
    const expected = expectedCounts(history);
    const progress: SyncProgress[] = [];

    const report = await syncUser({
      db: bed.db,
      session,
      robinhoodUserId,
      now: SIM_NOW,
      onProgress: (p) => progress.push(p),
    });

    expect(await rawCounts(bed.owner, userId)).toEqual({
      broker_accounts: 1,
      option_orders: expected.option_orders,
      option_legs: expected.option_legs,
      option_executions: expected.option_executions,
      option_events: expected.option_events,
      stock_trades: expected.stock_trades,
      option_instruments: expected.instruments,
      option_marks: expected.liveInstruments,
    });
    // Each order and event is also kept as Robinhood sent it, fields Rollbook does not map included.
    const { rows: raw } = await bed.owner.query(
      `SELECT count(*)::int AS orders,
              count(*) FILTER (WHERE raw ->> 'id' = broker_order_id AND raw ? 'time_in_force'
                                 AND jsonb_array_length(raw -> 'legs') > 0)::int AS complete
       FROM option_orders WHERE user_id = $1`,
      [userId],
    );
    expect(raw).toEqual([{ orders: expected.option_orders, complete: expected.option_orders }]);
    const { rows: rawEvents } = await bed.owner.query(
      "SELECT count(*)::int AS n FROM option_events WHERE user_id = $1 AND raw ->> 'id' = broker_event_id",
      [userId],
    );
    expect(rawEvents).toEqual([{ n: expected.option_events }]);
    // The seed gives a real history: make sure the counts above are not trivially small.
    expect(expected.option_orders).toBeGreaterThan(500);
    expect(expected.stock_deliveries).toBeGreaterThan(5);
    expect(expected.stock_fills).toBeGreaterThan(10);
    expect(expected.liveInstruments).toBeGreaterThan(5);

    expect(report.synced).toEqual({
      accounts: 1,
      orders: expected.option_orders,
      legs: expected.option_legs,
      executions: expected.option_executions,
      events: expected.option_events,
      stockTrades: expected.stock_deliveries,
      stockOrders: expected.stock_orders,
      stockFills: expected.stock_fills,
      instruments: expected.instruments,
      marks: expected.liveInstruments,
      stockMarks: expected.quoted_symbols,
    });
    expect(report.inserted).toEqual({ ...report.synced, stockOrders: 0 });
    expect(report.ordersUpdatedSince).toBeNull();

    const { rows: accounts } = await bed.owner.query(
      "SELECT account_number, account_type FROM broker_accounts",
    );
    expect(accounts).toEqual([
      { account_number: history.account.accountNumber, account_type: history.account.type },
    ]);

    // Multipliers come from the chains (100 for every simulated chain), never a default.
    const { rows: multipliers } = await bed.owner.query(
      "SELECT multiplier::text, count(*)::int AS n FROM option_instruments GROUP BY 1",
    );
    expect(multipliers).toEqual([{ multiplier: "100.00000000", n: expected.instruments }]);

    const newest = history.orders.reduce((max, order) => Math.max(max, order.updatedAtUs), 0);
    const state = await syncState(bed.owner, userId);
    expect(state).toMatchObject({ status: "SUCCEEDED", last_error: null });
    expect(state?.orders_watermark?.getTime()).toBe(Math.floor(newest / 1000));
    expect(state?.last_finished_at?.getTime()).toBeGreaterThanOrEqual(state?.last_started_at?.getTime() ?? 0);
    expect(state?.progress).toMatchObject({ phase: "succeeded", orders: expected.option_orders });

    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual([
      "accounts",
      "orders",
      "stock-orders",
      "events",
      "instruments",
      "marks",
      "writing",
      "succeeded",
    ]);
    expect(progress.filter((p) => p.phase === "orders").at(-1)?.orderPages).toBe(
      Math.ceil(expected.option_orders / 50),
    );

    // The sync queued the user for recompute in the same transaction.
    expect(await queueRevision(bed.owner, userId)).toBe(1);
  });

  it("maps orders, legs and executions faithfully, partial fills of cancelled orders included", async () => {
    const { session, robinhoodUserId } = await demo();
    const served = await session.listOptionOrders();
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });

    const sample = served.find(
      (order) => order.legs.length === 2 && order.legs.every((leg) => leg.executions.length > 1),
    ) as OptionOrder;
    expect(sample).toBeDefined();
    const { rows: orders } = await bed.owner.query(
      `SELECT state, chain_symbol, direction, order_type, quantity::text, processed_quantity::text,
              limit_price::text, premium::text, processed_premium::text, net_amount::text,
              regulatory_fees::text, contract_fees::text, opening_strategy, closing_strategy, form_source,
              source, broker_created_at, broker_updated_at
       FROM option_orders WHERE broker_order_id = $1`,
      [sample.id],
    );
    const signedNet = sample.net_amount_direction === "debit" ? `-${sample.net_amount}` : sample.net_amount;
    expect(orders).toEqual([
      {
        state: sample.state,
        chain_symbol: sample.chain_symbol,
        direction: sample.direction,
        order_type: sample.type,
        quantity: decimal8(sample.quantity),
        processed_quantity: decimal8(sample.processed_quantity),
        limit_price: decimal8(sample.price as string),
        premium: decimal8(sample.premium as string),
        processed_premium: decimal8(sample.processed_premium),
        net_amount: decimal8(signedNet as string),
        regulatory_fees: decimal8(sample.regulatory_fees as string),
        contract_fees: decimal8(sample.contract_fees as string),
        opening_strategy: sample.opening_strategy ?? null,
        closing_strategy: sample.closing_strategy ?? null,
        form_source: sample.form_source ?? null,
        source: "API",
        broker_created_at: new Date(sample.created_at.slice(0, 23)),
        broker_updated_at: new Date(sample.updated_at.slice(0, 23)),
      },
    ]);

    const { rows: legs } = await bed.owner.query(
      `SELECT l.broker_leg_id, l.side, l.position_effect, l.ratio_quantity, i.robinhood_id
       FROM option_legs l JOIN option_orders o ON o.id = l.order_id JOIN option_instruments i ON i.id = l.instrument_id
       WHERE o.broker_order_id = $1 ORDER BY l.broker_leg_id`,
      [sample.id],
    );
    expect(legs).toEqual(
      [...sample.legs]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((leg) => ({
          broker_leg_id: leg.id,
          side: leg.side.toUpperCase(),
          position_effect: leg.position_effect.toUpperCase(),
          ratio_quantity: leg.ratio_quantity,
          robinhood_id: /instruments\/([^/]+)\//.exec(leg.option)?.[1],
        })),
    );

    const { rows: fills } = await bed.owner.query(
      `SELECT broker_execution_id, price::text, quantity::text, executed_at, trade_date::text, settlement_date::text
       FROM option_executions WHERE broker_execution_id = ANY($1) ORDER BY broker_execution_id`,
      [sample.legs.flatMap((leg) => leg.executions.map((e) => e.id))],
    );
    expect(fills).toEqual(
      sample.legs
        .flatMap((leg) => leg.executions)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((e) => ({
          broker_execution_id: e.id,
          price: decimal8(e.price),
          quantity: decimal8(e.quantity),
          executed_at: new Date(e.timestamp),
          trade_date: tradingDateOf(new Date(e.timestamp)),
          settlement_date: e.settlement_date,
        })),
    );

    // Every execution's trade date is its New York date.
    const { rows: offDates } = await bed.owner.query(
      `SELECT count(*)::int AS n FROM option_executions
       WHERE trade_date <> (executed_at AT TIME ZONE 'America/New_York')::date`,
    );
    expect(offDates).toEqual([{ n: 0 }]);

    // Cancelled orders that filled in part keep their fills: they are real trades.
    const partial = served.filter(
      (order) => order.state === "cancelled" && order.legs.some((leg) => leg.executions.length > 0),
    );
    expect(partial.length).toBeGreaterThan(0);
    const { rows: stored } = await bed.owner.query(
      `SELECT count(DISTINCT o.id)::int AS orders, count(e.id)::int AS fills
       FROM option_orders o JOIN option_legs l ON l.order_id = o.id JOIN option_executions e ON e.leg_id = l.id
       WHERE o.state = 'cancelled'`,
    );
    expect(stored).toEqual([
      {
        orders: partial.length,
        fills: partial.reduce((n, o) => n + o.legs.reduce((m, leg) => m + leg.executions.length, 0), 0),
      },
    ]);
  });

  it("allocates each order's fees to its executions pro rata by quantity, exactly, remainder on the last fill", async () => {
    const { session, robinhoodUserId } = await demo();
    const served = await session.listOptionOrders();
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });

    const { rows } = await bed.owner.query<{
      broker_order_id: string;
      broker_execution_id: string;
      fees: string;
    }>(
      `SELECT o.broker_order_id, e.broker_execution_id, e.fees::text
       FROM option_orders o JOIN option_legs l ON l.order_id = o.id JOIN option_executions e ON e.leg_id = l.id`,
    );
    const stored = new Map(rows.map((row) => [row.broker_execution_id, cents(row.fees)]));
    let uneven = 0;
    let feeOrders = 0;
    for (const order of served) {
      const fills = order.legs
        .flatMap((leg) => leg.executions)
        .sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
      if (fills.length === 0) continue;
      const total = cents(order.regulatory_fees as string) + cents(order.contract_fees as string);
      if (total > 0n) feeOrders += 1;
      const quantities = fills.map((fill) => BigInt(Number.parseInt(fill.quantity, 10)));
      const sum = quantities.reduce((a, b) => a + b, 0n);
      let allocated = 0n;
      fills.forEach((fill, index) => {
        const share =
          index === fills.length - 1 ? total - allocated : (total * (quantities[index] as bigint)) / sum;
        allocated += share;
        expect(stored.get(fill.id), `${order.id} ${fill.id}`).toBe(share);
      });
      const actual = fills.reduce((acc, fill) => acc + (stored.get(fill.id) ?? 0n), 0n);
      expect(actual, order.id).toBe(total);
      if (fills.length > 1 && (total * (quantities[0] as bigint)) % sum !== 0n) uneven += 1;
    }
    expect(feeOrders).toBeGreaterThan(400);
    // Some orders really exercise the remainder rule.
    expect(uneven).toBeGreaterThan(0);
  });

  it("stores events with their stock side from equity_components", async () => {
    const { session, robinhoodUserId } = await demo();
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    const served = await session.listOptionEvents();
    const assignment = served.find((event) => event.type === "assignment");
    expect(assignment).toBeDefined();
    if (!assignment) return;
    const component = assignment.equity_components[0];

    const { rows: events } = await bed.owner.query(
      `SELECT e.type, e.state, e.quantity::text, e.event_date::text, e.direction, e.total_cash_amount::text,
              e.underlying_price::text, e.source, i.robinhood_id, a.account_number
       FROM option_events e JOIN option_instruments i ON i.id = e.instrument_id
       JOIN broker_accounts a ON a.id = e.account_id WHERE e.broker_event_id = $1`,
      [assignment.id],
    );
    expect(events).toEqual([
      {
        type: "ASSIGNMENT",
        state: assignment.state,
        quantity: decimal8(assignment.quantity),
        event_date: assignment.event_date,
        direction: assignment.direction,
        total_cash_amount: decimal8(assignment.total_cash_amount),
        underlying_price: decimal8(assignment.underlying_price as string),
        source: "API",
        robinhood_id: assignment.option_id,
        account_number: assignment.account_number,
      },
    ]);
    const { rows: trades } = await bed.owner.query(
      `SELECT t.broker_trade_id, t.symbol, t.side, t.quantity::text, t.price::text, t.amount::text, t.trade_date::text
       FROM stock_trades t JOIN option_events e ON e.id = t.event_id WHERE e.broker_event_id = $1`,
      [assignment.id],
    );
    expect(trades).toEqual([
      {
        broker_trade_id: component?.id,
        symbol: component?.symbol,
        side: component?.side.toUpperCase(),
        quantity: decimal8(component?.quantity as string),
        price: decimal8(component?.price as string),
        // Shares × price: the simulator's total_cash_amount of the assignment, computed on its side.
        amount: decimal8(assignment.total_cash_amount),
        trade_date: assignment.event_date,
      },
    ]);
  });
});

describe("syncUser: contract multipliers", () => {
  it("takes each contract's multiplier from its chain's trade_value_multiplier", async () => {
    const { session, robinhoodUserId } = await demo();
    bed.simulator.controls.addFault({
      path: "/options/chains/",
      times: null,
      fault: { kind: "corrupt_field", field: "trade_value_multiplier", value: "10.0000" },
    });
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    const { rows } = await bed.owner.query("SELECT DISTINCT multiplier::text FROM option_instruments");
    expect(rows).toEqual([{ multiplier: "10.00000000" }]);
  });
});

describe("syncUser: a second sync", () => {
  it("asks only for orders updated since the watermark minus the overlap, and duplicates nothing", async () => {
    const { session, robinhoodUserId, userId } = await demo();
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    const before = await rawCounts(bed.owner, userId);
    const watermark = (await syncState(bed.owner, userId))?.orders_watermark as Date;
    // A stored order inside the overlap that differs from Robinhood is brought back in line.
    const newestOrder = await bed.owner.query<{ broker_order_id: string; state: string }>(
      "SELECT broker_order_id, state FROM option_orders ORDER BY broker_updated_at DESC LIMIT 1",
    );
    const changed = newestOrder.rows[0] as { broker_order_id: string; state: string };
    await bed.owner.query("UPDATE option_orders SET state = 'stale' WHERE broker_order_id = $1", [
      changed.broker_order_id,
    ]);
    bed.simulator.controls.clearRequests();

    const report = await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW, overlapMinutes: 60 });

    const since = new Date(watermark.getTime() - 60 * 60_000);
    const orderRequests = bed.simulator.controls.requests({ path: "/options/orders/", method: "GET" });
    expect(orderRequests.map((request) => request.query["updated_at[gte]"])).toEqual([since.toISOString()]);
    expect(report.ordersUpdatedSince).toEqual(since);
    const history = bed.simulator.controls.history(DEMO_USERNAME);
    const inWindow = history.orders.filter((order) => order.updatedAtUs / 1000 >= since.getTime()).length;
    expect(inWindow).toBeGreaterThan(0);
    expect(report.synced.orders).toBe(inWindow);
    // Every contract is already stored: no instrument or chain requests at all.
    expect(bed.simulator.controls.countRequests({ path: "/options/instruments/" })).toBe(0);
    expect(bed.simulator.controls.countRequests({ path: "/options/chains/" })).toBe(0);

    expect(await rawCounts(bed.owner, userId)).toEqual(before);
    expect(Object.values(report.inserted).every((n) => n === 0)).toBe(true);
    const restored = await bed.owner.query("SELECT state FROM option_orders WHERE broker_order_id = $1", [
      changed.broker_order_id,
    ]);
    expect(restored.rows).toEqual([{ state: changed.state }]);
    expect((await syncState(bed.owner, userId))?.orders_watermark).toEqual(watermark);
    expect(await queueRevision(bed.owner, userId)).toBe(2);
  });

  it("records the books it wrote, so the recompute after it replays only their underlyings", async () => {
    const { session, robinhoodUserId, userId } = await demo();
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    const books = await bed.owner.query("SELECT DISTINCT underlying FROM recompute_touched_books");
    expect(books.rows.length).toBeGreaterThan(1);
    await recomputeUserPnl({ db: bed.db, robinhoodUserId, trigger: "sync", now: SIM_NOW });
    expect((await bed.owner.query("SELECT * FROM recompute_touched_books")).rows).toEqual([]);

    // The next sync reads only the overlap: its orders' books are recorded, nothing else.
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW, overlapMinutes: 60 });
    const watermark = (await syncState(bed.owner, userId))?.orders_watermark as Date;
    const inOverlap = await bed.owner.query<{ underlying: string }>(
      `SELECT DISTINCT i.underlying FROM option_orders o JOIN option_legs l ON l.order_id = o.id
         JOIN option_instruments i ON i.id = l.instrument_id
        WHERE o.broker_updated_at >= $1::timestamptz - interval '60 minutes' ORDER BY 1`,
      [watermark],
    );
    const touched = await bed.owner.query<{ underlying: string }>(
      "SELECT DISTINCT underlying FROM recompute_touched_books ORDER BY 1",
    );
    // The overlap's orders' books; no event or equity fill changed.
    expect(touched.rows).toEqual(inOverlap.rows);
    // Each with the earliest trade date of its orders' fills, so the recompute can start at a flat cut.
    const dated = await bed.owner.query<{ book: string; from_day: string; first: string | null }>(
      `SELECT b.book, b.from_day::text AS from_day,
              (SELECT min(e.trade_date)::text FROM option_legs l JOIN option_executions e ON e.leg_id = l.id
                WHERE 'option:' || l.instrument_id::text = b.book
                  AND l.order_id IN (SELECT id FROM option_orders
                                      WHERE broker_updated_at >= $1::timestamptz - interval '60 minutes')) AS first
         FROM recompute_touched_books b`,
      [watermark],
    );
    for (const row of dated.rows) expect(row.from_day <= (row.first ?? "infinity")).toBe(true);
    expect(dated.rows.every((row) => row.from_day !== null)).toBe(true);
    const incremental = await recomputeUserPnl({
      db: bed.db,
      robinhoodUserId,
      trigger: "sync",
      now: SIM_NOW,
    });
    expect(incremental.scope).toEqual(inOverlap.rows.map((row) => row.underlying));
    const full = await recomputeUserPnl({
      db: bed.db,
      robinhoodUserId,
      trigger: "manual",
      now: SIM_NOW,
      mode: "full",
    });
    expect(full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
  });

  it("leaves data that recompute reconciles exactly", async () => {
    const { session, robinhoodUserId, userId } = await demo();
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    const counts = await rawCounts(bed.owner, userId);

    const summary = await recomputeUserPnl({ db: bed.db, robinhoodUserId, trigger: "sync", now: SIM_NOW });

    expect(summary).toMatchObject({
      executions: counts.option_executions,
      events: counts.option_events,
      reconciles: true,
    });
    expect(summary.lots).toBeGreaterThan(100);
    expect(summary.chains).toBeGreaterThan(10);
    const { rows } = await bed.owner.query(
      "SELECT count(*)::int AS n FROM open_positions WHERE mark_price IS NULL",
    );
    // Every open position has a mark from the sync.
    expect(rows).toEqual([{ n: 0 }]);
  });
});

/** A Robinhood decimal as PostgreSQL prints a DECIMAL(24, 8). */
function decimal8(value: string): string {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = value.replace(/^-/, "").split(".");
  return `${negative ? "-" : ""}${whole}.${fraction.padEnd(8, "0").slice(0, 8)}`;
}

/** A decimal string with at most 2 places (or trailing zeros beyond) as integer cents. */
function cents(value: string): bigint {
  const [whole = "0", fraction = ""] = value.split(".");
  const extra = fraction.slice(2);
  if (/[1-9]/.test(extra)) throw new Error(`${value} has sub-cent digits`);
  return BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"));
}
