import "server-only";
import { sqlLiteral, textArrayLiteral, transactionConnection, UUID } from "@/lib/server/db/copy-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import {
  type MarketDataSource,
  OPTION_MARK_TABLE,
  STOCK_MARK_TABLE,
} from "@/lib/server/marks/market-data-source";
import { epochMs } from "./epoch-ms";
import type { InstrumentRow } from "./execution-columns";
import type { StockTradeRow } from "./load-stock-input";
import { column, columnsOfRows, nullableColumn, rowsSelect, type TableColumns } from "./table-columns";

/**
 * The three tables with a row per fill, handed on as columns (`table-columns.ts`). Timestamps come as the
 * exact decimal seconds of `extract(epoch …)` (`epochMs` reads them), decimals as stored (padded to
 * the column's scale; the micros parse accepts the zeros).
 */
const ORDER_COLUMNS = {
  id: column("id"),
  accountId: column("account_id"),
  brokerOrderId: column("broker_order_id"),
  source: column("source"),
  openingStrategy: nullableColumn("opening_strategy"),
};
const LEG_COLUMNS = {
  id: column("id"),
  orderId: column("order_id"),
  instrumentId: column("instrument_id"),
  side: column("side"),
  positionEffect: column("position_effect"),
};
const EXECUTION_COLUMNS = {
  brokerExecutionId: column("broker_execution_id"),
  legId: column("leg_id"),
  quantity: column("quantity"),
  price: column("price"),
  fees: column("fees"),
  executedAtSeconds: column("extract(epoch FROM executed_at)"),
  tradeDate: column("trade_date"),
  createdAtSeconds: column("extract(epoch FROM created_at)"),
};
export type OrderTable = TableColumns<typeof ORDER_COLUMNS>;
export type LegTable = TableColumns<typeof LEG_COLUMNS>;
export type ExecutionTable = TableColumns<typeof EXECUTION_COLUMNS>;

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
  /** Epoch milliseconds. */
  updated_at: number;
};
export type MarkRow = { instrument_id: string; mark_price: string };
export type StockMarkRow = { symbol: string; mark_price: string };

export type InputRows = {
  orders: OrderTable;
  legs: LegTable;
  executions: ExecutionTable;
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
 * one scan per table (or an index lookup per scope filter) stays linear. The fills' three tables are
 * handed on as columns (`table-columns.ts`), the others as rows. Decimals come as
 * exact text (`trim_scale` drops the column's padding zeros, except on fills: their micros parse
 * reads the zeros for less than the server spends trimming them), timestamps as epoch seconds, and
 * the driver parses nothing. A multi-statement query takes no parameters, so the user id (checked)
 * and the underlyings are quoted literals.
 */
export async function readInputRows(tx: UserTransaction, options: InputRowsOptions): Promise<InputRows> {
  const connection = await transactionConnection(tx);
  const results = await connection.query<string[]>({
    text: inputRowStatements(options).join(";\n"),
    rowMode: "array",
    // Every value as PostgreSQL prints it: the driver would make a `Date` of each date.
    types: { getTypeParser: () => asText },
  });
  // The eight SELECTs come last, after a scoped read's setting up of its order ids.
  const [orders, legs, executions, events, stockTrades, instruments, optionMarks, stockMarks] = (
    results as unknown as { rows: (string | null)[][] }[]
  )
    .slice(-8)
    .map((result) => result.rows);
  return {
    orders: columnsOfRows(orders ?? [], ORDER_COLUMNS),
    legs: columnsOfRows(legs ?? [], LEG_COLUMNS),
    executions: columnsOfRows(executions ?? [], EXECUTION_COLUMNS),
    events: (events ?? []).map(eventRow),
    stockTrades: (stockTrades ?? []).map(stockTradeRow),
    instruments: (instruments ?? []).map(instrumentRow),
    optionMarks: (optionMarks ?? []).map(([instrument_id, mark_price]) => ({
      instrument_id: instrument_id as string,
      mark_price: mark_price as string,
    })),
    stockMarks: (stockMarks ?? []).map(([symbol, mark_price]) => ({
      symbol: symbol as string,
      mark_price: mark_price as string,
    })),
  };
}

const asText = (value: string) => value;

// The columns below are those of the matching SELECT in `inputRowStatements`, in its order; only an
// event's `direction` and a stock trade's `broker_order_id` and `executed_at` can be NULL.
function eventRow(row: (string | null)[]): EventRow {
  const [broker_event_id, account_id, instrument_id, source, type, quantity, event_date, direction] = row;
  return {
    broker_event_id: broker_event_id as string,
    account_id: account_id as string,
    instrument_id: instrument_id as string,
    source: source as string,
    type: type as string,
    quantity: quantity as string,
    event_date: event_date as string,
    direction: direction ?? null,
    stock_fees: row[8] as string,
    updated_at: epochMs(row[9] as string),
  };
}

function stockTradeRow(row: (string | null)[]): StockTradeRow {
  const [broker_trade_id, account_id, broker_order_id, source, symbol, side, quantity, price, fees] = row;
  const executedAt = row[9] ?? null;
  return {
    broker_trade_id: broker_trade_id as string,
    account_id: account_id as string,
    broker_order_id: broker_order_id ?? null,
    source: source as string,
    symbol: symbol as string,
    side: side as string,
    quantity: quantity as string,
    price: price as string,
    fees: fees as string,
    executed_at: executedAt === null ? null : epochMs(executedAt),
    trade_date: row[10] as string,
    created_at: epochMs(row[11] as string),
  };
}

function instrumentRow(row: (string | null)[]): InstrumentRow {
  const [id, underlying, expiration_date, strike_price, option_type, multiplier] = row as string[];
  return {
    id: id as string,
    underlying: underlying as string,
    expiration_date: expiration_date as string,
    strike_price: strike_price as string,
    option_type: option_type as string,
    multiplier: multiplier as string,
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
  // Output functions print uuids, enums and dates as `::text` would: no cast is spent on them.
  const orders = {
    columns: ORDER_COLUMNS,
    from: `FROM option_orders WHERE user_id = ${user} ${scopeOrders ? `AND id = ANY(${orderIds})` : ""}`,
  };
  const legs = { columns: LEG_COLUMNS, from: `FROM option_legs WHERE user_id = ${user} ${legFilter}` };
  const executions = {
    columns: EXECUTION_COLUMNS,
    from: `FROM option_executions WHERE user_id = ${user}
       ${scopeOrders ? `AND leg_id = ANY(ARRAY(SELECT id FROM option_legs WHERE user_id = ${user} ${legFilter}))` : ""}
       ${from ? `AND trade_date >= ${from}` : ""}`,
    // In time order: the engine replays time-ordered fills without sorting them (its own sort of
    // an unordered input costs more than this one).
    orderBy: "executed_at, broker_execution_id",
  };
  const statements = [
    rowsSelect(orders),
    rowsSelect(legs),
    rowsSelect(executions),
    `SELECT broker_event_id, account_id, instrument_id, source, type,
            trim_scale(quantity), event_date, direction, trim_scale(stock_fees), extract(epoch FROM updated_at)
       FROM option_events WHERE user_id = ${user} ${eventFilter}
      ORDER BY event_date, broker_event_id`,
    // Stock delivered by assignments and exercises (kind DELIVERY) is left out: the engine derives
    // it from the events, so every share is counted once.
    `SELECT broker_trade_id, account_id, broker_order_id, source, symbol, side,
            trim_scale(quantity), trim_scale(price), trim_scale(fees), extract(epoch FROM executed_at),
            trade_date, extract(epoch FROM created_at)
       FROM stock_trades WHERE user_id = ${user} AND kind = 'TRADE' ${scope ? `AND symbol = ANY(${scope})` : ""}
        ${from ? `AND trade_date >= ${from}` : ""}
      ORDER BY executed_at, broker_trade_id`,
    `SELECT id, underlying, expiration_date, trim_scale(strike_price), option_type, trim_scale(multiplier)
       FROM option_instruments WHERE id IN (${instrumentsRead})`,
    // The mark tables are two constants, never input.
    `SELECT DISTINCT ON (instrument_id) instrument_id, mark_price
       FROM ${OPTION_MARK_TABLE[marketData]} WHERE instrument_id IN (${instrumentsRead})
      ORDER BY instrument_id, as_of DESC`,
    `SELECT DISTINCT ON (symbol) symbol, trim_scale(mark_price)
       FROM ${STOCK_MARK_TABLE[marketData]} WHERE ${symbols}
      ORDER BY symbol, as_of DESC`,
  ];
  return [...setup, ...statements];
}
