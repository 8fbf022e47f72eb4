import "server-only";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { canonicalDecimal, sumDecimals } from "@/lib/money";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { decimalText } from "../decimal-text";
import type { ActivityKey, ActivityRow, EventActivity, OrderActivity, StockActivity } from "./activity-types";
import { loadOrderLegs } from "./load-order-legs";

type OrderRow = {
  id: string;
  broker_order_id: string;
  source: "API" | "CSV";
  state: string;
  chain_symbol: string;
  strategy: string | null;
  direction: string | null;
  quantity: string;
};
type EventRow = {
  id: string;
  kind: EventActivity["kind"];
  broker_event_id: string;
  source: "API" | "CSV";
  state: string;
  quantity: string;
  instrument_id: string;
  underlying: string;
  expiration: string;
  strike: string;
  option_type: "CALL" | "PUT";
  multiplier: string;
  event_date: string;
  import_id: string | null;
};
type StockRow = {
  id: string;
  broker_trade_id: string;
  broker_order_id: string | null;
  source: "API" | "CSV";
  kind: "DELIVERY" | "TRADE";
  symbol: string;
  side: "BUY" | "SELL";
  quantity: string;
  price: string;
  fees: string;
  trade_date: string;
  import_id: string | null;
};

/** The details of a page of activity keys, in the keys' order: orders with legs and fills, events, trades. */
export async function loadActivityRows(tx: UserTransaction, keys: ActivityKey[]): Promise<ActivityRow[]> {
  const idsOf = (kinds: string[]) => keys.filter((key) => kinds.includes(key.kind)).map((key) => key.id);
  const orderIds = idsOf(["order"]);
  const eventIds = idsOf(["expiration", "assignment", "exercise"]);
  const stockIds = idsOf(["stock"]);
  // One after another: a transaction's queries share its one connection.
  const orders =
    orderIds.length === 0
      ? []
      : await tx.$queryRaw<OrderRow[]>`
        SELECT id::text, broker_order_id, source::text AS source, state, chain_symbol,
               coalesce(opening_strategy, closing_strategy) AS strategy, direction,
               trim_scale(quantity)::text AS quantity
        FROM option_orders WHERE id = ANY(${orderIds}::uuid[])`;
  const legs = await loadOrderLegs(tx, orderIds);
  const events =
    eventIds.length === 0
      ? []
      : await tx.$queryRaw<EventRow[]>`
        SELECT e.id::text, lower(e.type::text) AS kind, e.broker_event_id, e.source::text AS source, e.state,
               trim_scale(e.quantity)::text AS quantity, e.instrument_id::text AS instrument_id, i.underlying,
               i.expiration_date::text AS expiration, trim_scale(i.strike_price)::text AS strike,
               i.option_type::text AS option_type, trim_scale(i.multiplier)::text AS multiplier,
               e.event_date::text AS event_date, e.import_id::text AS import_id
        FROM option_events e JOIN option_instruments i ON i.id = e.instrument_id
        WHERE e.id = ANY(${eventIds}::uuid[])`;
  const trades =
    stockIds.length === 0
      ? []
      : await tx.$queryRaw<StockRow[]>`
        SELECT id::text, broker_trade_id, broker_order_id, source::text AS source, kind::text AS kind, symbol,
               side::text AS side, trim_scale(quantity)::text AS quantity, trim_scale(price)::text AS price,
               trim_scale(fees)::text AS fees, trade_date::text AS trade_date, import_id::text AS import_id
        FROM stock_trades WHERE id = ANY(${stockIds}::uuid[])`;
  const orderById = new Map(orders.map((row) => [row.id, row]));
  const eventById = new Map(events.map((row) => [row.id, row]));
  const tradeById = new Map(trades.map((row) => [row.id, row]));
  const rows: ActivityRow[] = [];
  for (const key of keys) {
    const base = {
      id: key.id,
      at: key.at.toISOString(),
      day: tradingDateOf(key.at),
      amount: key.amount === null ? null : decimalText(key.amount),
    };
    if (key.kind === "order") {
      const order = orderById.get(key.id);
      if (order) rows.push(orderActivity(base, order, legs.get(key.id) ?? []));
    } else if (key.kind === "stock") {
      const trade = tradeById.get(key.id);
      if (trade) rows.push(stockActivity(base, trade));
    } else {
      const event = eventById.get(key.id);
      if (event) rows.push(eventActivity(base, event));
    }
  }
  return rows;
}

type Base = { id: string; at: string; day: string; amount: string | null };

function orderActivity(base: Base, order: OrderRow, legs: OrderActivity["legs"]): OrderActivity {
  // The order's cash is its fills' (summed exactly), whether or not the page's query computed it.
  const amount = sumDecimals(legs.flatMap((leg) => leg.fills.map((fill) => fill.amount)));
  // An order's quantity is per leg (a 2-lot vertical is "2", not "4"): the first leg's fills say how
  // much of it was filled.
  const filled = legs[0]?.filledQuantity ?? "0";
  return {
    ...base,
    amount: canonicalDecimal(amount),
    kind: "order",
    underlying: order.chain_symbol,
    brokerOrderId: order.broker_order_id,
    source: order.source,
    state: order.state,
    strategy: order.strategy,
    direction: order.direction,
    quantity: order.quantity,
    filledQuantity: filled,
    fillCount: legs.reduce((count, leg) => count + leg.fills.length, 0),
    legs,
  };
}

function eventActivity(base: Base, event: EventRow): EventActivity {
  return {
    ...base,
    day: event.event_date,
    kind: event.kind,
    underlying: event.underlying,
    brokerEventId: event.broker_event_id,
    source: event.source,
    state: event.state,
    quantity: event.quantity,
    instrumentId: event.instrument_id,
    contract: {
      underlying: event.underlying,
      expiration: event.expiration,
      strike: event.strike,
      optionType: event.option_type,
      multiplier: event.multiplier,
    },
    importId: event.import_id,
  };
}

function stockActivity(base: Base, trade: StockRow): StockActivity {
  return {
    ...base,
    day: trade.trade_date,
    kind: "stock",
    underlying: trade.symbol,
    brokerTradeId: trade.broker_trade_id,
    brokerOrderId: trade.broker_order_id,
    source: trade.source,
    delivery: trade.kind === "DELIVERY",
    side: trade.side,
    quantity: trade.quantity,
    price: trade.price,
    fees: trade.fees,
    importId: trade.import_id,
  };
}
