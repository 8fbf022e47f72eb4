import "server-only";
import { contractKey, type OptionContract, type PnlColumns, type PnlLifecycleEvent } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { CSV_ORDER_PREFIX } from "@/lib/server/imports/csv-ids";
import type { MarketDataSource } from "@/lib/server/marks/market-data-source";
import { ExecutionColumnsBuilder, type InstrumentRow } from "./execution-columns";
import type { FlatCut } from "./flat-cuts";
import { loadCorporateActions, supersededSwaps } from "./load-corporate-actions";
import { toPnlStockTrade } from "./load-stock-input";
import { type ExecutionRow, type LegRow, type OrderRow, readInputRows } from "./read-input-rows";

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
  /**
   * Set when a replay from the flat cuts cannot be exact (an event, dated after a cut, on a contract
   * that expired before it: lots the replay closed as inferred expiries at the end may still have been
   * open for it): the caller replays the scope's underlyings whole instead. The rest is then unusable.
   */
  cutTooNarrow: boolean;
  /** The last trading date of each underlying's inputs read (for its next flat cut). */
  lastDays: Map<string, string>;
};

/**
 * Only these underlyings (every account's books of them), with the first synced trading date the
 * last full replay counted from: an incremental recompute (docs/RECOMPUTE.md).
 */
export type LoadScope = {
  underlyings: readonly string[];
  syncedFrom: string | null;
  /** The flat cut of each underlying that replays from one; the others replay whole. */
  cuts: ReadonlyMap<string, FlatCut>;
};

export type LoadPnlInputOptions = {
  userId: string;
  asOf: string;
  /** Whose marks to read: Robinhood's, or the demo's simulated ones (never the other's). */
  marketData: MarketDataSource;
  /** Read only these underlyings' rows; the whole history when absent. */
  scope?: LoadScope;
};

/**
 * Reads a user's executions, lifecycle events and latest marks and maps them to the engine's input:
 * the executions straight into typed columns (`ExecutionColumnsBuilder`), so the engine parses no
 * fill. Runs inside a user transaction, so row-level security scopes every read as well as the filter.
 * The rows come in one round trip (`readInputRows`), each table on its own, joined here.
 */
export async function loadPnlInput(
  tx: UserTransaction,
  options: LoadPnlInputOptions,
): Promise<LoadedPnlInput> {
  const { userId, asOf, scope } = options;
  const cuts = scope?.cuts ?? new Map<string, FlatCut>();
  const { orders, legs, executions, events, stockTrades, instruments, optionMarks, stockMarks } =
    await readInputRows(tx, {
      userId,
      underlyings: scope?.underlyings,
      cutDays: new Map([...cuts].map(([underlying, cut]) => [underlying, cut.day])),
      marketData: options.marketData,
    });
  // From the cuts, each underlying's inputs dated before its own cut are final (the read, from the
  // earliest cut, brought some of them).
  const afterCut = (underlying: string, date: string) => {
    const cut = cuts.get(underlying);
    return cut === undefined || date >= cut.day;
  };
  const expiredBeforeCut = (underlying: string, expiration: string) => {
    const cut = cuts.get(underlying);
    return cut !== undefined && expiration < cut.day;
  };
  const lastDays = new Map<string, string>();
  const last = (underlying: string, date: string) => {
    const known = lastDays.get(underlying);
    if (known === undefined || date > known) lastDays.set(underlying, date);
  };

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
    const { underlying, expiration } = contracts.of(leg.instrument_id);
    if (!afterCut(underlying, execution.trade_date)) continue;
    // A fill after its contract expired: its lot closes as an inferred expiry on the expiration
    // date, before the cut, where the merge from the cut would not look.
    if (expiredBeforeCut(underlying, expiration)) return tooNarrow(asOf, "cut");
    last(underlying, execution.trade_date);
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
    if (superseded({ ...fill, underlying })) continue;
    columns.add(fill);
  }
  const input: PnlColumns = {
    format: "columns",
    asOf,
    ...columns.build(),
    events: events
      .filter(
        (event) =>
          counts(event.source, event.event_date, syncedFrom) &&
          afterCut(contracts.of(event.instrument_id).underlying, event.event_date),
      )
      .map((event): PnlLifecycleEvent => {
        seen(event.updated_at);
        last(contracts.of(event.instrument_id).underlying, event.event_date);
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
      .filter(
        (trade) =>
          counts(trade.source, trade.trade_date, syncedFrom) && afterCut(trade.symbol, trade.trade_date),
      )
      .map((trade) => {
        seen(trade.created_at);
        last(trade.symbol, trade.trade_date);
        return toPnlStockTrade(trade);
      }),
    marks: {},
  };
  if (corporateActions.length > 0) input.corporateActions = corporateActions;
  // A contract that expired before its cut with no event was closed as an inferred expiry at the end
  // of the replay that saw it: until then its lots stayed open, and an event dated after the cut
  // would have closed them. Rare (a late event on an old contract): replay the underlyings whole.
  for (const event of input.events)
    if (expiredBeforeCut(event.contract.underlying, event.contract.expiration)) return tooNarrow(asOf, "cut");

  // The marks of the contracts and symbols the input uses (the read brought a few more).
  const used = new Set(contracts.used());
  const marksByKey: Record<string, string> = {};
  for (const mark of optionMarks)
    if (used.has(mark.instrument_id)) marksByKey[contracts.keyOf(mark.instrument_id)] = mark.mark_price;
  input.marks = marksByKey;
  // Every symbol whose shares the engine may hold: traded, or delivered by an event.
  const stockSymbols = new Set((input.stockTrades ?? []).map((trade) => trade.symbol));
  for (const event of input.events)
    if (event.type !== "expiration") stockSymbols.add(event.contract.underlying);
  const stockMarksBySymbol: Record<string, string> = {};
  for (const mark of stockMarks)
    if (stockSymbols.has(mark.symbol)) stockMarksBySymbol[mark.symbol] = mark.mark_price;
  input.stockMarks = stockMarksBySymbol;

  return {
    input,
    instrumentIds: contracts.idsByKey(),
    watermark,
    syncedFrom,
    openingStrategyOfFill,
    scopeTooNarrow: false,
    cutTooNarrow: false,
    lastDays,
  };
}

function tooNarrow(asOf: string, what: "scope" | "cut" = "scope"): LoadedPnlInput {
  const empty = new ExecutionColumnsBuilder(0, new Map()).build();
  return {
    input: { format: "columns", asOf, ...empty, events: [], stockTrades: [], marks: {} },
    instrumentIds: new Map(),
    watermark: null,
    syncedFrom: null,
    openingStrategyOfFill: new Map(),
    scopeTooNarrow: what === "scope",
    cutTooNarrow: what === "cut",
    lastDays: new Map(),
  };
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
