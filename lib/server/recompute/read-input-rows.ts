import "server-only";
import { sqlLiteral, textArrayLiteral, transactionConnection, UUID } from "@/lib/server/db/copy-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import {
  type MarketDataSource,
  OPTION_MARK_TABLE,
  STOCK_MARK_TABLE,
} from "@/lib/server/marks/market-data-source";
import type { InstrumentRow } from "./execution-columns";
import type { StockTradeRow } from "./load-stock-input";

export type OrderRow = {
  id: string;
  account_id: string;
  broker_order_id: string;
  source: string;
  opening_strategy: string | null;
};
export type LegRow = {
  id: string;
  order_id: string;
  broker_leg_id: string;
  instrument_id: string;
  side: string;
  position_effect: string;
};
export type ExecutionRow = {
  broker_execution_id: string;
  leg_id: string;
  quantity: string;
  price: string;
  fees: string;
  executed_at: Date;
  trade_date: string;
  created_at: Date;
};
export type EventRow = {
  broker_event_id: string;
  account_id: string;
  instrument_id: string;
  source: string;
  type: string;
  quantity: string;
  event_date: string;
  direction: string | null;
  stock_fees: string;
  updated_at: Date;
};
export type MarkRow = { instrument_id: string; mark_price: string };
export type StockMarkRow = { symbol: string; mark_price: string };

export type InputRows = {
  orders: OrderRow[];
  legs: LegRow[];
  executions: ExecutionRow[];
  events: EventRow[];
  stockTrades: StockTradeRow[];
  instruments: InstrumentRow[];
  /** The latest mark of every instrument read (more than the engine needs: the loader picks). */
  optionMarks: MarkRow[];
  /** The latest quote of every symbol whose shares may be held (more than needed, likewise). */
  stockMarks: StockMarkRow[];
};

/**
 * Reads a user's raw P&L input, or only some underlyings' (every order with a leg on one of them,
 * with all its legs and their fills; the underlyings' events and equity fills), with the latest
 * marks, in ONE round trip: eight SELECTs in one multi-statement query on the transaction's own
 * connection (under its row-level-security context). Each table is read on its own and joined by
 * the caller: right after a large sync or import the planner's statistics still describe the tables
 * as nearly empty, and a joined query then ran as nested loops, quadratic in the number of fills;
 * one scan per table (or an index lookup per scope filter) stays linear. Decimals come as exact text
 * (`trim_scale` drops the column's padding zeros). A multi-statement query takes no parameters, so
 * the user id (checked) and the underlyings are quoted literals.
 */
export async function readInputRows(tx: UserTransaction, options: InputRowsOptions): Promise<InputRows> {
  const connection = await transactionConnection(tx);
  const results = await connection.query(inputRowStatements(options).join(";\n"));
  // The eight SELECTs come last, after a scoped read's setting up of its order ids.
  const [orders, legs, executions, events, stockTrades, instruments, optionMarks, stockMarks] = (
    results as unknown as { rows: unknown[] }[]
  )
    .slice(-8)
    .map((result) => result.rows);
  return {
    orders: orders as OrderRow[],
    legs: legs as LegRow[],
    executions: executions as ExecutionRow[],
    events: events as EventRow[],
    stockTrades: stockTrades as StockTradeRow[],
    instruments: instruments as InstrumentRow[],
    optionMarks: optionMarks as MarkRow[],
    stockMarks: stockMarks as StockMarkRow[],
  };
}

export type InputRowsOptions = {
  userId: string;
  underlyings?: readonly string[];
  /**
   * The flat cut of the scope underlyings that replay from one (the rest replay whole): their fills,
   * events and share trades dated before it need not be read (some are; the caller drops them).
   */
  cutDays?: ReadonlyMap<string, string>;
  marketData: MarketDataSource;
};

/**
 * The statements `readInputRows` sends: for a scope, three that gather the scope's order ids in a
 * temporary table, then the eight SELECTs, in its result order.
 */
export function inputRowStatements(options: InputRowsOptions): string[] {
  const { userId, underlyings, marketData } = options;
  if (!UUID.test(userId)) throw new Error(`bad user id: ${userId}`);
  const user = `${sqlLiteral(userId)}::uuid`;
  const scope = underlyings ? `${sqlLiteral(textArrayLiteral(underlyings))}::text[]` : null;
  const cutDays = options.cutDays ?? new Map<string, string>();
  const instrumentsOf = (list: readonly string[]) =>
    `SELECT id FROM option_instruments WHERE underlying = ANY(${sqlLiteral(textArrayLiteral(list))}::text[])`;
  const scopeInstruments = underlyings ? instrumentsOf(underlyings) : null;
  const cut = underlyings?.filter((underlying) => cutDays.has(underlying)) ?? [];
  const whole = underlyings?.filter((underlying) => !cutDays.has(underlying)) ?? [];
  const earliestCut = [...cutDays.values()].sort()[0];
  // Every scope underlying from a cut: nothing dated before the earliest cut is read.
  const from = cut.length > 0 && whole.length === 0 ? `${sqlLiteral(earliestCut as string)}::date` : null;
  // The scope's orders: of an underlying from its cut, those with a fill on its contracts dated from
  // the earliest cut on, found through the (user, trade date) index; of one replayed whole, every order
  // with a leg on its contracts. Every leg of theirs still comes, so an order reaching outside is seen.
  const scopeOrders = underlyings
    ? [
        ...(cut.length > 0
          ? [
              `SELECT l.order_id FROM option_executions e JOIN option_legs l ON l.id = e.leg_id
                WHERE e.user_id = ${user} AND e.trade_date >= ${sqlLiteral(earliestCut as string)}::date
                  AND l.instrument_id IN (${instrumentsOf(cut)})`,
            ]
          : []),
        ...(whole.length > 0
          ? [
              `SELECT order_id FROM option_legs WHERE user_id = ${user} AND instrument_id IN (${instrumentsOf(whole)})`,
            ]
          : []),
      ].join(" UNION ALL ")
    : null;
  // The scope's order ids are gathered once, then read as one array per statement: with statistics
  // that still describe the tables as nearly empty (right after an import), a semi-join on the
  // orders ran as a nested loop probing every leg of the user per order, quadratic.
  const setup = scopeOrders
    ? [
        "CREATE TEMP TABLE IF NOT EXISTS scope_orders (id uuid PRIMARY KEY) ON COMMIT DELETE ROWS",
        "DELETE FROM pg_temp.scope_orders",
        `INSERT INTO pg_temp.scope_orders SELECT DISTINCT s.order_id FROM (${scopeOrders}) AS s(order_id)`,
      ]
    : [];
  const orderIds = "ARRAY(SELECT id FROM pg_temp.scope_orders)";
  const legFilter = scopeOrders ? `AND order_id = ANY(${orderIds})` : "";
  const legsRead = `SELECT instrument_id FROM option_legs WHERE user_id = ${user} ${legFilter}`;
  const eventFilter = scopeInstruments
    ? `AND instrument_id IN (${scopeInstruments})${from ? ` AND event_date >= ${from}` : ""}`
    : "";
  const instrumentsRead = `${legsRead} UNION SELECT instrument_id FROM option_events WHERE user_id = ${user} ${eventFilter}`;
  // Symbols whose shares the engine may hold: traded, or delivered by an assignment or exercise.
  const symbols = scope
    ? `symbol = ANY(${scope})`
    : `symbol IN (SELECT symbol FROM stock_trades WHERE user_id = ${user} AND kind = 'TRADE'
         UNION SELECT i.underlying FROM option_events e JOIN option_instruments i ON i.id = e.instrument_id
          WHERE e.user_id = ${user} AND e.type <> 'EXPIRATION')`;
  const statements = [
    `SELECT id::text, account_id::text, broker_order_id, source::text, opening_strategy FROM option_orders
      WHERE user_id = ${user} ${scopeOrders ? `AND id = ANY(${orderIds})` : ""}`,
    `SELECT id::text, order_id::text, broker_leg_id, instrument_id::text, side::text, position_effect::text
       FROM option_legs WHERE user_id = ${user} ${legFilter}`,
    `SELECT broker_execution_id, leg_id::text, trim_scale(quantity)::text AS quantity,
            trim_scale(price)::text AS price, trim_scale(fees)::text AS fees, executed_at,
            trade_date::text AS trade_date, created_at
       FROM option_executions WHERE user_id = ${user}
       ${scopeOrders ? `AND leg_id = ANY(ARRAY(SELECT id FROM option_legs WHERE user_id = ${user} ${legFilter}))` : ""}
       ${from ? `AND trade_date >= ${from}` : ""}
      ORDER BY executed_at, broker_execution_id`,
    `SELECT broker_event_id, account_id::text, instrument_id::text, source::text, type::text,
            trim_scale(quantity)::text AS quantity, event_date::text AS event_date, direction,
            trim_scale(stock_fees)::text AS stock_fees, updated_at
       FROM option_events WHERE user_id = ${user} ${eventFilter}
      ORDER BY event_date, broker_event_id`,
    // Stock delivered by assignments and exercises (kind DELIVERY) is left out: the engine derives
    // it from the events, so every share is counted once.
    `SELECT broker_trade_id, account_id::text, broker_order_id, source::text, symbol, side::text,
            trim_scale(quantity)::text AS quantity, trim_scale(price)::text AS price,
            trim_scale(fees)::text AS fees, executed_at, trade_date::text AS trade_date, created_at
       FROM stock_trades WHERE user_id = ${user} AND kind = 'TRADE' ${scope ? `AND symbol = ANY(${scope})` : ""}
        ${from ? `AND trade_date >= ${from}` : ""}
      ORDER BY executed_at, broker_trade_id`,
    `SELECT id::text, underlying, expiration_date::text AS expiration_date,
            trim_scale(strike_price)::text AS strike_price, option_type::text AS option_type,
            trim_scale(multiplier)::text AS multiplier
       FROM option_instruments WHERE id IN (${instrumentsRead})`,
    // The mark tables are two constants, never input.
    `SELECT DISTINCT ON (instrument_id) instrument_id::text, mark_price::text
       FROM ${OPTION_MARK_TABLE[marketData]} WHERE instrument_id IN (${instrumentsRead})
      ORDER BY instrument_id, as_of DESC`,
    `SELECT DISTINCT ON (symbol) symbol, trim_scale(mark_price)::text AS mark_price
       FROM ${STOCK_MARK_TABLE[marketData]} WHERE ${symbols}
      ORDER BY symbol, as_of DESC`,
  ];
  return [...setup, ...statements];
}
