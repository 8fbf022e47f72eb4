import "server-only";
import { columnsCopy, columnsSelect, readCopyColumnsTogether } from "@/lib/server/db/copy-columns";
import { sqlLiteral, textArrayLiteral, transactionConnection, UUID } from "@/lib/server/db/copy-rows";
import { CopyTextRows } from "@/lib/server/db/copy-text-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import {
  type MarketDataSource,
  OPTION_MARK_TABLE,
  STOCK_MARK_TABLE,
} from "@/lib/server/marks/market-data-source";
import { epochMs } from "./epoch-ms";
import type { InstrumentRow } from "./execution-columns";
import {
  type ExecutionTable,
  fillTableColumns,
  inputColumnReads,
  instrumentColumns,
  instrumentRows,
  type LegTable,
  type OrderTable,
} from "./input-column-reads";
import type { StockTradeRow } from "./load-stock-input";

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
 * marks, on the transaction's own connection (under its row-level-security context). Each table is
 * read on its own and joined on the client: right after a large sync or import the planner's
 * statistics still describe the tables as nearly empty, and a joined query then ran as nested loops,
 * quadratic in the number of fills; one scan per table (or an index lookup per scope filter) stays
 * linear. The contracts and the fills' three tables, most of the bytes, are read by binary COPY and
 * decoded into columns as they stream in (`copy-columns.ts`); the rest, a few rows per fill at most,
 * by text COPYs ahead of them in the same query (a scoped read's gathering of its orders, legs and
 * contracts goes first, in a query of its own), every value as PostgreSQL prints it. Decimals come
 * as exact text (`trim_scale` drops the column's padding zeros, except on fills: their micros parse
 * reads the zeros for less than the server spends trimming them), timestamps of the text reads as
 * epoch seconds. A multi-statement query takes no parameters, so the user id (checked) and the
 * underlyings are quoted literals.
 */
export async function readInputRows(tx: UserTransaction, options: InputRowsOptions): Promise<InputRows> {
  const connection = await transactionConnection(tx);
  const { setup, columnReads, textReads } = inputReads(options);
  // A scoped read gathers its orders, legs and contracts first.
  if (setup.length > 0) await connection.query(setup.join(";\n"));
  // Everything else is one query: the four text reads as COPYs first, so the server goes on to the
  // contracts' read (it gathers every leg's contract before their first row) while this side reads
  // the events, then the four binary COPYs.
  const texts = textReads.map(() => new CopyTextRows());
  const [instruments, orders, legs, executions] = await readCopyColumnsTogether(
    connection,
    columnReads,
    textReads.map((select, index) => ({
      statement: `COPY (${select}) TO STDOUT`,
      sink: (piece: Buffer) => texts[index]?.push(piece),
    })),
  );
  const [events, stockTrades, optionMarks, stockMarks] = texts.map((rows) => rows.end());
  return {
    orders,
    legs,
    executions,
    events: (events ?? []).map(eventRow),
    stockTrades: (stockTrades ?? []).map(stockTradeRow),
    instruments: instrumentRows(instruments),
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

/**
 * A full read's SELECTs as COPY statements, each in the format the read takes it in: the contracts'
 * and the fills' tables binary, the rest text. What a read costs the server and the socket with
 * nothing decoded (the benchmark's read floor).
 */
export function inputRowCopies(options: InputRowsOptions): string[] {
  const { columnReads, textReads } = inputReads(options);
  return [
    ...columnReads.map(({ select }) => columnsCopy(select)),
    ...textReads.map((select) => `COPY (${select}) TO STDOUT`),
  ];
}

/**
 * A read's statements by how they are sent: a scoped read's set-up (gathering its orders, legs and
 * contracts), the four tables read by binary COPY into columns (`inputColumnReads`, in the order
 * they join) and the four read as text (events, share trades, option marks, stock marks), which go
 * after the set-up in one query.
 */
export function inputReads(options: InputRowsOptions) {
  const statements = inputRowStatements(options);
  const [orders, legs, executions, events, stockTrades, instruments, optionMarks, stockMarks] =
    statements.slice(-8) as string[];
  return {
    setup: statements.slice(0, -8),
    columnReads: inputColumnReads({
      instruments: instruments as string,
      orders: orders as string,
      legs: legs as string,
      executions: executions as string,
    }),
    textReads: [events, stockTrades, optionMarks, stockMarks] as string[],
  };
}

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

/**
 * Up to how many of the user's fills dated from a cut on are tested one by one for the scope's
 * contracts (at a few index lookups each) rather than looking up the fills of every leg on them.
 */
const RECENT_FILLS = 1000;

export type InputRowsOptions = {
  userId: string;
  underlyings?: readonly string[];
  /**
   * The flat cut of the scope underlyings that replay from one (the rest replay whole): their fills,
   * events and share trades dated before it need not be read (some are; the caller drops them).
   */
  cutDays?: ReadonlyMap<string, string>;
  /**
   * Scope underlyings whose inputs before their cut day come from a saved input: the contracts of
   * theirs not expired before `unexpiredOn` are read too (with their marks), as the saved fills may
   * hold them open.
   */
  savedInputs?: { underlyings: readonly string[]; unexpiredOn: string };
  marketData: MarketDataSource;
};

/**
 * The statements `readInputRows` sends: for a scope, those that gather the scope's order ids, legs
 * and contracts in temporary tables, then the eight SELECTs, in its result order.
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
  // The legs on some contracts: one index scan for the whole array of their ids.
  const legsOn = (list: readonly string[], columns: string) =>
    `SELECT ${columns} FROM option_legs WHERE user_id = ${user} AND instrument_id = ANY(ARRAY(${instrumentsOf(list)}))`;
  const cutDay = earliestCut === undefined ? null : `${sqlLiteral(earliestCut)}::date`;
  // The scope's orders: of an underlying from its cut, those with a fill on its contracts dated from
  // the earliest cut on; of one replayed whole, every order with a leg on its contracts. Every leg of
  // theirs still comes, so an order reaching outside is seen. The fills from a cut are found by
  // whichever side is small: when the user has few fills from the cut on (a recent cut, the usual
  // case), through the (user, trade date) index, each fill's leg then tested; otherwise through the
  // contracts' legs, whose fills are looked up by leg. `recent` stops counting past the bound, so
  // the test costs little either way; only one branch runs (the other's filter is false at once).
  const recent = `(SELECT count(*) FROM recent)`;
  const scopeOrders = underlyings
    ? [
        ...(cut.length > 0
          ? [
              `SELECT order_id FROM option_legs l WHERE user_id = ${user} AND id = ANY(ARRAY(SELECT leg_id FROM recent))
                  AND (SELECT underlying FROM option_instruments i WHERE i.id = l.instrument_id)
                    = ANY(${sqlLiteral(textArrayLiteral(cut))}::text[])
                  AND ${recent} <= ${RECENT_FILLS}`,
              `SELECT order_id FROM option_legs WHERE user_id = ${user} AND id = ANY(ARRAY(
                 SELECT leg_id FROM option_executions WHERE user_id = ${user}
                    AND leg_id = ANY(ARRAY(${legsOn(cut, "id")})) AND trade_date >= ${cutDay}))
                  AND ${recent} > ${RECENT_FILLS}`,
            ]
          : []),
        ...(whole.length > 0 ? [legsOn(whole, "order_id")] : []),
      ].join(" UNION ALL ")
    : null;
  const recentFills =
    cut.length > 0
      ? `WITH recent AS MATERIALIZED (SELECT leg_id FROM option_executions
           WHERE user_id = ${user} AND trade_date >= ${cutDay} LIMIT ${RECENT_FILLS + 1}) `
      : "";
  const legsRead = scopeOrders
    ? "SELECT instrument_id FROM pg_temp.scope_legs"
    : `SELECT instrument_id FROM option_legs WHERE user_id = ${user}`;
  const eventFilter = scopeInstruments
    ? `AND instrument_id IN (${scopeInstruments})${from ? ` AND event_date >= ${from}` : ""}`
    : "";
  const saved = options.savedInputs;
  const savedInstruments =
    saved && saved.underlyings.length > 0
      ? ` UNION SELECT id FROM option_instruments WHERE underlying = ANY(${sqlLiteral(textArrayLiteral(saved.underlyings))}::text[])
           AND expiration_date >= ${sqlLiteral(saved.unexpiredOn)}::date`
      : "";
  const instrumentsRead = `${legsRead} UNION SELECT instrument_id FROM option_events WHERE user_id = ${user} ${eventFilter}${scopeOrders ? savedInstruments : ""}`;
  // The scope's order ids, then all their legs and contracts, are gathered once and read as one
  // array per statement (an index scan for the whole array): with statistics that still describe the
  // tables as nearly empty (right after an import), a join on the orders ran as a nested loop probing
  // every leg of the user per order, quadratic.
  const setup = scopeOrders
    ? [
        "CREATE TEMP TABLE IF NOT EXISTS scope_orders (id uuid PRIMARY KEY) ON COMMIT DELETE ROWS",
        `CREATE TEMP TABLE IF NOT EXISTS scope_legs (id uuid NOT NULL, order_id uuid NOT NULL,
           instrument_id uuid NOT NULL, side "OrderSide" NOT NULL, position_effect "PositionEffect" NOT NULL)
           ON COMMIT DELETE ROWS`,
        "CREATE TEMP TABLE IF NOT EXISTS scope_instruments (id uuid NOT NULL) ON COMMIT DELETE ROWS",
        "DELETE FROM pg_temp.scope_orders",
        "DELETE FROM pg_temp.scope_legs",
        "DELETE FROM pg_temp.scope_instruments",
        `INSERT INTO pg_temp.scope_orders ${recentFills}SELECT DISTINCT s.order_id FROM (${scopeOrders}) AS s(order_id)`,
        `INSERT INTO pg_temp.scope_legs SELECT id, order_id, instrument_id, side, position_effect
           FROM option_legs WHERE user_id = ${user} AND order_id = ANY(ARRAY(SELECT id FROM pg_temp.scope_orders))`,
        `INSERT INTO pg_temp.scope_instruments ${instrumentsRead}`,
      ]
    : [];
  const orderIds = "ARRAY(SELECT id FROM pg_temp.scope_orders)";
  // A scope's contracts, gathered once for the contracts' and the marks' reads, are read as one
  // array (an index scan for it): a join on the temporary tables, which have no statistics, scanned
  // every contract (and every mark).
  const instrumentIds = scopeOrders
    ? "= ANY(ARRAY(SELECT id FROM pg_temp.scope_instruments))"
    : `IN (${instrumentsRead})`;
  // Symbols whose shares the engine may hold: traded, or delivered by an assignment or exercise.
  const symbols = scope
    ? `symbol = ANY(${scope})`
    : `symbol IN (SELECT symbol FROM stock_trades WHERE user_id = ${user} AND kind = 'TRADE'
         UNION SELECT i.underlying FROM option_events e JOIN option_instruments i ON i.id = e.instrument_id
          WHERE e.user_id = ${user} AND e.type <> 'EXPIRATION')`;
  // Output functions print uuids, enums and dates as `::text` would: no cast is spent on them in the
  // text reads.
  const fillColumns = fillTableColumns();
  const orders = {
    columns: fillColumns.orders,
    from: `FROM option_orders WHERE user_id = ${user} ${scopeOrders ? `AND id = ANY(${orderIds})` : ""}`,
  };
  const legs = {
    columns: fillColumns.legs,
    from: scopeOrders ? "FROM pg_temp.scope_legs" : `FROM option_legs WHERE user_id = ${user}`,
  };
  const executions = {
    columns: fillColumns.executions,
    from: `FROM option_executions WHERE user_id = ${user}
       ${scopeOrders ? "AND leg_id = ANY(ARRAY(SELECT id FROM pg_temp.scope_legs))" : ""}
       ${from ? `AND trade_date >= ${from}` : ""}`,
    // In time order: the engine replays time-ordered fills without sorting them (its own sort of
    // an unordered input costs more than this one).
    orderBy: "executed_at, broker_execution_id",
  };
  const statements = [
    columnsSelect(orders),
    columnsSelect(legs),
    columnsSelect(executions),
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
    columnsSelect({
      columns: instrumentColumns(),
      from: `FROM option_instruments WHERE id ${instrumentIds}`,
    }),
    // The mark tables are two constants, never input.
    `SELECT DISTINCT ON (instrument_id) instrument_id, mark_price
       FROM ${OPTION_MARK_TABLE[marketData]} WHERE instrument_id ${instrumentIds}
      ORDER BY instrument_id, as_of DESC`,
    `SELECT DISTINCT ON (symbol) symbol, trim_scale(mark_price)
       FROM ${STOCK_MARK_TABLE[marketData]} WHERE ${symbols}
      ORDER BY symbol, as_of DESC`,
  ];
  return [...setup, ...statements];
}
