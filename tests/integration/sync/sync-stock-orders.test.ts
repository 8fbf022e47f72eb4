import { describe, expect, it } from "vitest";
import { isRobinhoodError } from "@/lib/robinhood/client";
import { syncUser } from "@/lib/server/sync/sync-user";
import { DEMO_USERNAME, type FaultRuleInput } from "@/simulator";
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

/** Cents → the exact decimal text PostgreSQL prints for a trimmed numeric. */
const dollars = (cents: number) => {
  const text = (cents / 100).toFixed(2);
  return text.replace(/\.?0+$/, "");
};

type TradeRow = {
  broker_trade_id: string;
  kind: string;
  source: string;
  symbol: string;
  side: string;
  quantity: string;
  price: string;
  amount: string;
  fees: string;
  executed_at: Date | null;
  trade_date: string;
  settlement_date: string | null;
  broker_order_id: string | null;
  event_id: string | null;
  raw_id: string | null;
};

async function storedTrades(userId: string): Promise<TradeRow[]> {
  const { rows } = await bed.owner.query<TradeRow>(
    `SELECT broker_trade_id, kind::text, source::text, symbol, side::text, trim_scale(quantity)::text AS quantity,
            trim_scale(price)::text AS price, trim_scale(amount)::text AS amount, trim_scale(fees)::text AS fees,
            executed_at, trade_date::text AS trade_date, settlement_date::text AS settlement_date,
            broker_order_id, event_id::text, raw ->> 'id' AS raw_id
     FROM stock_trades WHERE user_id = $1`,
    [userId],
  );
  return rows;
}

describe("syncUser: equity orders", () => {
  it("stores every equity-order fill as a stock trade with exact decimals, apart from delivered stock", async () => {
    const { session, robinhoodUserId, userId } = await signInDemo(bed.simulator);
    const history = bed.simulator.controls.history(DEMO_USERNAME);
    const expected = expectedCounts(history);

    const report = await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });

    expect(report.synced.stockOrders).toBe(history.stockOrders.length);
    expect(report.inserted.stockFills).toBe(expected.stock_fills);
    const rows = await storedTrades(userId);
    const trades = rows.filter((row) => row.kind === "TRADE");
    const deliveries = rows.filter((row) => row.kind === "DELIVERY");
    expect(trades).toHaveLength(expected.stock_fills);
    expect(deliveries).toHaveLength(expected.stock_deliveries);
    expect(deliveries.every((row) => row.event_id !== null && row.broker_order_id === null)).toBe(true);

    const byId = new Map(trades.map((row) => [row.broker_trade_id, row]));
    for (const order of history.stockOrders) {
      let fees = 0;
      for (const execution of order.executions) {
        const row = byId.get(execution.id);
        expect(row, execution.id).toBeDefined();
        expect(row).toMatchObject({
          source: "API",
          symbol: order.symbol,
          side: order.side === "buy" ? "BUY" : "SELL",
          quantity: String(execution.shares),
          price: dollars(execution.priceCents),
          amount: dollars(execution.priceCents * execution.shares),
          broker_order_id: order.id,
          raw_id: order.id,
          event_id: null,
        });
        expect(row?.executed_at?.getTime()).toBe(Math.floor(execution.timestampUs / 1000));
        expect(row?.settlement_date).not.toBeNull();
        fees += Math.round(Number(row?.fees) * 100);
        // Fees never have more than cents: the allocation rounds each share to the cent.
        expect(row?.fees).toMatch(/^\d+(\.\d{1,2})?$/);
      }
      // The fills' fee shares add up to the order's fees exactly.
      expect(fees).toBe(order.executions.reduce((sum, e) => sum + e.feeCents, 0));
    }

    // The stock side of an assignment or exercise is stored once, as the event's delivery.
    const deliveredIds = new Set(history.events.flatMap((event) => (event.equity ? [event.equity.id] : [])));
    expect(trades.some((row) => deliveredIds.has(row.broker_trade_id))).toBe(false);
    expect(new Set(deliveries.map((row) => row.broker_trade_id))).toEqual(deliveredIds);

    // Every symbol with shares (and every live contract's underlying) gets its quote as a stock mark.
    const { rows: marks } = await bed.owner.query<{ symbol: string; mark_price: string }>(
      "SELECT symbol, trim_scale(mark_price)::text AS mark_price FROM stock_marks ORDER BY symbol",
    );
    expect(marks).toHaveLength(expected.quoted_symbols);
    for (const mark of marks) {
      expect(mark.mark_price).toBe(dollars(history.closeCents(mark.symbol, history.lastDay)));
    }
    const state = await bed.owner.query<{ stock_orders_watermark: Date }>(
      "SELECT stock_orders_watermark FROM sync_states WHERE user_id = $1",
      [userId],
    );
    const newest = Math.max(...history.stockOrders.map((order) => order.updatedAtUs));
    expect(state.rows[0]?.stock_orders_watermark.getTime()).toBe(Math.floor(newest / 1000));
  });

  it("asks only for equity orders updated since their watermark minus the overlap, adding only new fills", async () => {
    const { session, robinhoodUserId, userId } = await signInDemo(bed.simulator);
    const history = bed.simulator.controls.history(DEMO_USERNAME);
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    const complete = await rawCounts(bed.owner, userId);

    // Pretend the last sync ended before the five most recently updated filled orders.
    const filled = history.stockOrders
      .filter((order) => order.executions.length > 0)
      .sort((a, b) => b.updatedAtUs - a.updatedAtUs);
    const cut = filled[4];
    if (!cut) throw new Error("the demo history needs more equity orders");
    const cutAt = new Date(Math.floor(cut.updatedAtUs / 1000));
    const recent = history.stockOrders.filter((order) => order.updatedAtUs / 1000 >= cutAt.getTime());
    const missing = recent.reduce((n, order) => n + order.executions.length, 0);
    await bed.owner.query("DELETE FROM stock_trades WHERE broker_order_id = ANY($1)", [
      recent.map((order) => order.id),
    ]);
    await bed.owner.query("UPDATE sync_states SET stock_orders_watermark = $1", [cutAt]);
    bed.simulator.controls.clearRequests();

    const report = await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW, overlapMinutes: 0 });

    const requests = bed.simulator.controls.requests({ path: "/orders/", method: "GET" });
    expect(requests.map((request) => request.query["updated_at[gte]"])).toEqual([cutAt.toISOString()]);
    expect(report.stockOrdersUpdatedSince).toEqual(cutAt);
    expect(report.synced.stockOrders).toBe(recent.length);
    expect(report.inserted.stockFills).toBe(missing);
    expect(missing).toBeGreaterThanOrEqual(5);
    expect(await rawCounts(bed.owner, userId)).toEqual(complete);
    // Only the instruments of the refetched orders were resolved.
    const symbols = new Set(recent.filter((o) => o.executions.length > 0).map((o) => o.instrumentId));
    const lookups = bed.simulator.controls
      .requests({ method: "GET" })
      .filter((request) => request.path.startsWith("/instruments/"));
    expect(lookups).toHaveLength(symbols.size);

    const again = await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    expect(again.inserted.stockFills).toBe(0);
    expect(again.inserted.stockMarks).toBe(0);
    expect(await rawCounts(bed.owner, userId)).toEqual(complete);
  });
});

describe("syncUser: a failure while reading equity orders commits nothing", () => {
  const cases: { name: string; rule: FaultRuleInput; code: string; phase: string }[] = [
    {
      name: "5xx on every equity instrument lookup",
      rule: { path: "/instruments/*", times: null, fault: { kind: "status", status: 503 } },
      code: "server_error",
      phase: "stock-orders",
    },
    {
      name: "a malformed fill in the equity orders",
      rule: { path: "/orders/", fault: { kind: "corrupt_field", field: "executions.price", value: "1,5" } },
      code: "invalid_response",
      phase: "stock-orders",
    },
    {
      name: "a quote without a price",
      rule: { path: "/marketdata/quotes/", fault: { kind: "omit_field", field: "last_trade_price" } },
      code: "invalid_response",
      phase: "marks",
    },
  ];

  it.each(cases)("$name", async ({ rule, code, phase }) => {
    const { session, robinhoodUserId, userId } = await signInDemo(bed.simulator);
    bed.simulator.controls.addFault(rule);

    const error = await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW }).then(
      () => null,
      (reason: unknown) => reason,
    );

    expect(isRobinhoodError(error) && error.code).toBe(code);
    const counts = await rawCounts(bed.owner, userId);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    const { rows } = await bed.owner.query<{ n: number }>("SELECT count(*)::int AS n FROM stock_marks");
    expect(rows[0]?.n).toBe(0);
    expect(await queueRevision(bed.owner, userId)).toBeNull();
    const state = await syncState(bed.owner, userId);
    expect(state).toMatchObject({ status: "FAILED" });
    expect(state?.progress).toMatchObject({ phase });
  });
});
