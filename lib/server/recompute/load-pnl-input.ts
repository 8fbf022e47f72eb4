import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { contractKey, type OptionContract, type PnlColumns, type PnlLifecycleEvent } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { CSV_ORDER_PREFIX } from "@/lib/server/imports/csv-ids";
import type { MarketDataSource } from "@/lib/server/marks/market-data-source";
import { ExecutionColumnsBuilder, type InstrumentRow } from "./execution-columns";
import { loadCorporateActions, supersededSwaps } from "./load-corporate-actions";
import { loadStockMarks, loadStockTradeRows, toPnlStockTrade } from "./load-stock-input";

export type LoadedPnlInput = {
  /** The engine's columnar input: fills as typed columns, the rest as objects. */
  input: PnlColumns;
  /** Instrument id of every contract the input mentions, by `contractKey`. */
  instrumentIds: Map<string, string>;
  /** Newest change among the inputs, recorded on the recompute run. */
  watermark: Date | null;
  /** The first synced trading date the input counted imported rows up to (`firstSyncedTradeDate`). */
  syncedFrom: string | null;
  /** The broker's `opening_strategy` of each order that has one, by broker execution id of its fills. */
  openingStrategyOfFill: Map<string, string>;
  /**
   * Set when a scoped load found that its scope cannot be replayed alone (an order with legs on an
   * underlying outside it, or a synced history that now starts earlier): the caller replays the
   * whole history instead. The rest of the result is then incomplete and must not be used.
   */
  scopeTooNarrow: boolean;
};

/**
 * Only these underlyings (every account's books of them), with the first synced trading date the
 * last full replay counted from: an incremental recompute (docs/RECOMPUTE.md).
 */
export type LoadScope = { underlyings: readonly string[]; syncedFrom: string | null };

export type LoadPnlInputOptions = {
  userId: string;
  asOf: string;
  /** Whose marks to read: Robinhood's, or the demo's simulated ones (never the other's). */
  marketData: MarketDataSource;
  /** Read only these underlyings' rows; the whole history when absent. */
  scope?: LoadScope;
};

type OrderRow = {
  id: string;
  account_id: string;
  broker_order_id: string;
  source: string;
  opening_strategy: string | null;
};
type LegRow = {
  id: string;
  order_id: string;
  broker_leg_id: string;
  instrument_id: string;
  side: string;
  position_effect: string;
};
type ExecutionRow = {
  broker_execution_id: string;
  leg_id: string;
  quantity: string;
  price: string;
  fees: string;
  executed_at: Date;
  trade_date: string;
  created_at: Date;
};
type EventRow = {
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

/**
 * Reads a user's executions, lifecycle events and latest marks and maps them to the engine's input:
 * the executions straight into typed columns (`ExecutionColumnsBuilder`), so the engine parses no
 * fill. Runs inside a user transaction, so row-level security scopes every read as well as the filter.
 *
 * Each table is read on its own by user and joined here. Right after a large sync or import the
 * planner's statistics still describe the tables as nearly empty, and a joined query then ran as
 * nested loops, quadratic in the number of fills; one scan per table stays linear. Decimals come as
 * exact text (`trim_scale` drops the column's padding zeros).
 */
export async function loadPnlInput(
  tx: UserTransaction,
  options: LoadPnlInputOptions,
): Promise<LoadedPnlInput> {
  const { userId, asOf, scope } = options;
  // A scoped load reads the legs of every order that has a leg on a scope underlying (all of them,
  // so an order reaching outside the scope is seen), and those legs' fills; events and stock trades
  // of the scope's underlyings. Every filter is SQL, served by the instrument and leg indexes.
  const scopeInstruments = scope
    ? Prisma.sql`SELECT id FROM option_instruments WHERE underlying = ANY(${[...scope.underlyings]}::text[])`
    : null;
  const scopeOrders = scopeInstruments
    ? Prisma.sql`SELECT order_id FROM option_legs WHERE user_id = ${userId}::uuid AND instrument_id IN (${scopeInstruments})`
    : null;
  const orders = await tx.$queryRaw<OrderRow[]>`
    SELECT id::text, account_id::text, broker_order_id, source::text, opening_strategy FROM option_orders
    WHERE user_id = ${userId}::uuid ${scopeOrders ? Prisma.sql`AND id IN (${scopeOrders})` : Prisma.empty}`;
  const legs = await tx.$queryRaw<LegRow[]>`
    SELECT id::text, order_id::text, broker_leg_id, instrument_id::text, side::text, position_effect::text
    FROM option_legs WHERE user_id = ${userId}::uuid
    ${scopeOrders ? Prisma.sql`AND order_id IN (${scopeOrders})` : Prisma.empty}`;
  const executions = await tx.$queryRaw<ExecutionRow[]>`
    SELECT broker_execution_id, leg_id::text, trim_scale(quantity)::text AS quantity,
           trim_scale(price)::text AS price, trim_scale(fees)::text AS fees, executed_at,
           trade_date::text AS trade_date, created_at
    FROM option_executions WHERE user_id = ${userId}::uuid
    ${
      scopeOrders
        ? Prisma.sql`AND leg_id IN (SELECT id FROM option_legs WHERE user_id = ${userId}::uuid AND order_id IN (${scopeOrders}))`
        : Prisma.empty
    }
    ORDER BY executed_at, broker_execution_id`;
  const events = await tx.$queryRaw<EventRow[]>`
    SELECT broker_event_id, account_id::text, instrument_id::text, source::text, type::text,
           trim_scale(quantity)::text AS quantity, event_date::text AS event_date, direction,
           trim_scale(stock_fees)::text AS stock_fees, updated_at
    FROM option_events WHERE user_id = ${userId}::uuid
    ${scopeInstruments ? Prisma.sql`AND instrument_id IN (${scopeInstruments})` : Prisma.empty}
    ORDER BY event_date, broker_event_id`;
  const stockTrades = await loadStockTradeRows(tx, userId, scope?.underlyings);
  const instrumentIdsUsed = [
    ...new Set([...legs.map((leg) => leg.instrument_id), ...events.map((event) => event.instrument_id)]),
  ];
  const instruments = await tx.$queryRaw<InstrumentRow[]>`
    SELECT id::text, underlying, expiration_date::text AS expiration_date,
           trim_scale(strike_price)::text AS strike_price, option_type::text AS option_type,
           trim_scale(multiplier)::text AS multiplier
    FROM option_instruments WHERE id = ANY(${instrumentIdsUsed}::uuid[])`;

  const contracts = new Contracts(instruments);
  const orderById = new Map(orders.map((order) => [order.id, order]));
  const legById = new Map(legs.map((leg) => [leg.id, leg]));
  const fills = executions.map((execution) => {
    const leg = legById.get(execution.leg_id) as LegRow;
    return { execution, leg, order: orderById.get(leg.order_id) as OrderRow };
  });
  const openingStrategyOfFill = new Map<string, string>();
  for (const { execution, order } of fills)
    if (order.opening_strategy)
      openingStrategyOfFill.set(execution.broker_execution_id, order.opening_strategy);
  let syncedFrom = firstSyncedTradeDate(fills, stockTrades);
  if (scope) {
    // The scope's synced rows can only move the start earlier (synced rows are never removed without
    // a full recompute being asked for); when they do, imported rows of every underlying count
    // differently. Likewise an order with a leg outside the scope joins chains outside it.
    const inScope = new Set(scope.underlyings);
    const outside = instruments.some((row) => !inScope.has(row.underlying));
    const earlier = syncedFrom !== null && (scope.syncedFrom === null || syncedFrom < scope.syncedFrom);
    if (outside || earlier) return tooNarrow(asOf);
    syncedFrom = scope.syncedFrom;
  }

  let watermark: Date | null = null;
  const seen = (at: Date) => {
    if (!watermark || at > watermark) watermark = at;
  };
  // A scoped recompute runs only for users without corporate actions (planRecompute).
  const corporateActions = scope ? [] : await loadCorporateActions(tx, userId, seen);
  const superseded = supersededSwaps(corporateActions);
  const columns = new ExecutionColumnsBuilder(fills.length, contracts.rows);
  for (const { execution, leg, order } of fills) {
    if (!counts(order.source, execution.trade_date, syncedFrom)) continue;
    const fill = {
      executionId: execution.broker_execution_id,
      accountId: order.account_id,
      orderId: order.broker_order_id.startsWith(CSV_ORDER_PREFIX) ? null : order.broker_order_id,
      instrumentId: leg.instrument_id,
      buy: leg.side === "BUY",
      open: leg.position_effect === "OPEN",
      quantity: execution.quantity,
      price: execution.price,
      fees: execution.fees,
      executedAt: execution.executed_at,
      tradeDate: execution.trade_date,
    };
    seen(execution.created_at);
    if (superseded({ ...fill, underlying: contracts.of(leg.instrument_id).underlying })) continue;
    columns.add(fill);
  }
  const input: PnlColumns = {
    format: "columns",
    asOf,
    ...columns.build(),
    events: events
      .filter((event) => counts(event.source, event.event_date, syncedFrom))
      .map((event): PnlLifecycleEvent => {
        seen(event.updated_at);
        return {
          id: event.broker_event_id,
          accountId: event.account_id,
          type:
            event.type === "EXPIRATION"
              ? "expiration"
              : event.type === "ASSIGNMENT"
                ? "assignment"
                : "exercise",
          contract: contracts.of(event.instrument_id),
          quantity: event.quantity,
          date: event.event_date,
          // Imports record which position an event closed; synced events keep Robinhood's own wording.
          direction: event.direction === "long" || event.direction === "short" ? event.direction : null,
          stockFees: event.stock_fees,
        };
      }),
    stockTrades: stockTrades
      .filter((trade) => counts(trade.source, trade.trade_date, syncedFrom))
      .map((trade) => {
        seen(trade.created_at);
        return toPnlStockTrade(trade);
      }),
    marks: {},
  };
  if (corporateActions.length > 0) input.corporateActions = corporateActions;

  const used = contracts.used();
  if (used.length > 0) {
    const marks = await latestMarks(tx, used, options.marketData);
    const marksByKey: Record<string, string> = {};
    for (const mark of marks) marksByKey[contracts.keyOf(mark.instrument_id)] = mark.mark_price;
    input.marks = marksByKey;
  }

  // Marks for every symbol whose shares the engine may hold: traded, or delivered by an event.
  const stockSymbols = new Set((input.stockTrades ?? []).map((trade) => trade.symbol));
  for (const event of input.events)
    if (event.type !== "expiration") stockSymbols.add(event.contract.underlying);
  input.stockMarks = await loadStockMarks(tx, [...stockSymbols], options.marketData);

  return {
    input,
    instrumentIds: contracts.idsByKey(),
    watermark,
    syncedFrom,
    openingStrategyOfFill,
    scopeTooNarrow: false,
  };
}

function tooNarrow(asOf: string): LoadedPnlInput {
  const empty = new ExecutionColumnsBuilder(0, new Map()).build();
  return {
    input: { format: "columns", asOf, ...empty, events: [], stockTrades: [], marks: {} },
    instrumentIds: new Map(),
    watermark: null,
    syncedFrom: null,
    openingStrategyOfFill: new Map(),
    scopeTooNarrow: true,
  };
}

type MarkRow = { instrument_id: string; mark_price: string };

/** The newest mark of each instrument from one source's table (two fixed queries, no SQL built from text). */
function latestMarks(
  tx: UserTransaction,
  instrumentIds: string[],
  source: MarketDataSource,
): Promise<MarkRow[]> {
  if (source === "demo") {
    return tx.$queryRaw<MarkRow[]>`
      SELECT DISTINCT ON (instrument_id) instrument_id::text, mark_price::text
      FROM demo_option_marks WHERE instrument_id = ANY(${instrumentIds}::uuid[])
      ORDER BY instrument_id, as_of DESC`;
  }
  return tx.$queryRaw<MarkRow[]>`
    SELECT DISTINCT ON (instrument_id) instrument_id::text, mark_price::text
    FROM option_marks WHERE instrument_id = ANY(${instrumentIds}::uuid[])
    ORDER BY instrument_id, as_of DESC`;
}

/**
 * The first trading date of the history synced from Robinhood, or null before any sync. From that
 * date on the synced history is the source of truth: imported fills and events dated on or after it
 * describe the same trades again (under other ids) and are left out, so nothing counts twice
 * whichever arrived first. Imports still supply everything older.
 */
function firstSyncedTradeDate(
  fills: { execution: ExecutionRow; order: OrderRow }[],
  stockTrades: { source: string; trade_date: string }[],
): string | null {
  let first: string | null = null;
  for (const { execution, order } of fills) {
    if (order.source === "API" && (first === null || execution.trade_date < first))
      first = execution.trade_date;
  }
  // Synced equity fills show where the synced history starts just as well as option fills do.
  for (const trade of stockTrades) {
    if (trade.source === "API" && (first === null || trade.trade_date < first)) first = trade.trade_date;
  }
  return first;
}

function counts(source: string, date: string, syncedFrom: string | null): boolean {
  return syncedFrom === null || source === "API" || date < syncedFrom;
}

/** One shared contract object per instrument, so the engine interns each contract once. */
class Contracts {
  readonly rows: Map<string, InstrumentRow>;
  private readonly made = new Map<string, { contract: OptionContract; key: string }>();

  constructor(instruments: InstrumentRow[]) {
    this.rows = new Map(instruments.map((row) => [row.id, row]));
  }

  of(instrumentId: string): OptionContract {
    return this.entry(instrumentId).contract;
  }

  keyOf(instrumentId: string): string {
    return this.entry(instrumentId).key;
  }

  /** Instruments the input mentions so far. */
  used(): string[] {
    return [...this.made.keys()];
  }

  idsByKey(): Map<string, string> {
    return new Map([...this.made].map(([id, { key }]) => [key, id]));
  }

  private entry(instrumentId: string) {
    let known = this.made.get(instrumentId);
    if (!known) {
      const row = this.rows.get(instrumentId);
      if (!row) throw new Error(`option instrument ${instrumentId} is referenced but missing`);
      const contract: OptionContract = {
        underlying: row.underlying,
        expiration: row.expiration_date,
        strike: row.strike_price,
        optionType: row.option_type === "CALL" ? "call" : "put",
        multiplier: row.multiplier,
      };
      known = { contract, key: contractKey(contract) };
      this.made.set(instrumentId, known);
    }
    return known;
  }
}
