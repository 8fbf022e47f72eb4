import "server-only";
import {
  contractKey,
  dayNumber,
  FILL_BUYS,
  FILL_OPENS,
  type OptionContract,
  type PnlColumns,
  type PnlCorporateAction,
  type PnlLifecycleEvent,
} from "@/lib/pnl";
import { repeatedTextAt } from "@/lib/server/db/copy-columns";
import { CSV_ORDER_PREFIX } from "@/lib/server/imports/csv-ids";
import { DecimalTexts, ExecutionColumnsBuilder, type InstrumentRow } from "./execution-columns";
import type { FlatCut } from "./flat-cuts";
import { supersededSwaps } from "./load-corporate-actions";
import type { LoadedPnlInput, LoadScope } from "./load-pnl-input";
import { toPnlStockTrade } from "./load-stock-input";
import type { InputRows } from "./read-input-rows";

export type PnlInputOfRowsOptions = {
  asOf: string;
  /** The scope the rows were read for, when they were (`LoadScope`). */
  scope: LoadScope | undefined;
  corporateActions: PnlCorporateAction[];
  /** Epoch milliseconds of the newest corporate action's creation (part of the input watermark). */
  actionsChangedMs: number;
};

/**
 * The engine's input from the rows `readInputRows` read: the fills' three tables (joined as read) into
 * typed columns, the imported rows the synced history replaces and those before each flat cut left
 * out, the marks of what the input uses. Pure: no I/O.
 */
export function pnlInputOfRows(rows: InputRows, options: PnlInputOfRowsOptions): LoadedPnlInput {
  const { asOf, scope, corporateActions } = options;
  const cuts = scope?.cuts ?? new Map<string, FlatCut>();
  const { orders, legs, executions, events, stockTrades, instruments, optionMarks, stockMarks } = rows;
  // From the cuts, each underlying's inputs dated before its own cut are final (the read, from the
  // earliest cut, brought some of them).
  // A replay without cuts (most) skips the lookups, once per fill.
  const afterCut = (underlying: string, date: string) => {
    const cut = cuts.size === 0 ? undefined : cuts.get(underlying);
    return cut === undefined || date >= cut.day;
  };
  const expiredBeforeCut = (underlying: string, expiration: string) => {
    const cut = cuts.size === 0 ? undefined : cuts.get(underlying);
    return cut !== undefined && expiration < cut.day;
  };
  const lastDays = new Map<string, string>();
  const last = (underlying: string, date: string) => {
    const known = lastDays.get(underlying);
    if (known === undefined || date > known) lastDays.set(underlying, date);
  };

  const contracts = new Contracts(instruments);
  // Each fill's leg and order, by row: the read joined the three tables (`readInputRows`).
  const legOfFill = executions.leg;
  const orderOfFill = new Int32Array(executions.count);
  const openingStrategyOfFill = new Map<string, string>();
  // The repeated columns come as numbers into their distinct values (`RepeatedText`): what a fill
  // needs of a value (a flag, a parse, a lookup) is worked out once per distinct value.
  const sourceIsApi = orders.source.texts.map((source) => source === "API");
  const tradeDates = executions.tradeDate;
  let firstSynced: string | null = null;
  for (let fill = 0; fill < executions.count; fill++) {
    const order = legs.order[legOfFill[fill] as number] as number;
    orderOfFill[fill] = order;
    const strategy = repeatedTextAt(orders.openingStrategy, order);
    if (strategy) openingStrategyOfFill.set(executions.brokerExecutionId[fill] as string, strategy);
    // The first trading date of the synced history (`firstSyncedTradeDate`).
    if (sourceIsApi[orders.source.rows[order] as number]) {
      const tradeDate = tradeDates.texts[tradeDates.rows[fill] as number] as string;
      if (firstSynced === null || tradeDate < firstSynced) firstSynced = tradeDate;
    }
  }
  let syncedFrom = firstSyncedTradeDate(firstSynced, stockTrades);
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

  // Epoch milliseconds of the newest change among the inputs.
  let watermarkMs = options.actionsChangedMs;
  const seen = (ms: number) => {
    if (ms > watermarkMs) watermarkMs = ms;
  };
  const superseded = supersededSwaps(corporateActions);
  const columns = new ExecutionColumnsBuilder(executions.count, contracts.rows);
  const instrumentIds = legs.instrumentId;
  // Per distinct value, made the first time a counted fill asks (so numbering and refusals follow
  // the fills as a per-fill lookup would): the contract, its row, the account's number.
  const contractOfInstrument = new Array<OptionContract | undefined>(instrumentIds.texts.length);
  const contractRowOfInstrument = new Int32Array(instrumentIds.texts.length).fill(-1);
  const accountNumbers = new Int32Array(orders.accountId.texts.length).fill(-1);
  const buys = legs.side.texts.map((side) => side === "BUY");
  const opens = legs.positionEffect.texts.map((effect) => effect === "OPEN");
  const tradeDays = tradeDates.texts.map(dayNumber);
  const quantities = new DecimalTexts(executions.quantity, "quantity");
  const prices = new DecimalTexts(executions.price, "price");
  const fees = new DecimalTexts(executions.fees, "fees");
  for (let fill = 0; fill < executions.count; fill++) {
    const leg = legOfFill[fill] as number;
    const order = orderOfFill[fill] as number;
    const source = orders.source.texts[orders.source.rows[order] as number] as string;
    const dateNumber = tradeDates.rows[fill] as number;
    const tradeDate = tradeDates.texts[dateNumber] as string;
    if (!counts(source, tradeDate, syncedFrom)) continue;
    const instrument = instrumentIds.rows[leg] as number;
    const instrumentId = instrumentIds.texts[instrument] as string;
    let contract = contractOfInstrument[instrument];
    if (contract === undefined) {
      contract = contracts.of(instrumentId);
      contractOfInstrument[instrument] = contract;
    }
    const { underlying, expiration } = contract;
    if (!afterCut(underlying, tradeDate)) continue;
    // A fill after its contract expired: its lot closes as an inferred expiry on the expiration
    // date, before the cut, where the merge from the cut would not look.
    if (expiredBeforeCut(underlying, expiration)) return tooNarrow(asOf, "cut");
    last(underlying, tradeDate);
    seen(executions.createdAtMs[fill] as number);
    const account = orders.accountId.rows[order] as number;
    const accountId = orders.accountId.texts[account] as string;
    const brokerOrderId = orders.brokerOrderId[order] as string;
    const orderId = brokerOrderId.startsWith(CSV_ORDER_PREFIX) ? null : brokerOrderId;
    if (superseded({ accountId, orderId, tradeDate, underlying })) continue;
    let contractRow = contractRowOfInstrument[instrument] as number;
    if (contractRow < 0) {
      contractRow = columns.contractRow(instrumentId);
      contractRowOfInstrument[instrument] = contractRow;
    }
    let accountNumber = accountNumbers[account] as number;
    if (accountNumber < 0) {
      accountNumber = columns.accountNumber(accountId);
      accountNumbers[account] = accountNumber;
    }
    const side = legs.side.rows[leg] as number;
    const effect = legs.positionEffect.rows[leg] as number;
    const executionId = executions.brokerExecutionId[fill] as string;
    columns.addNumbered(
      executionId,
      accountNumber,
      contractRow,
      orderId === null ? -1 : columns.orderNumber(orderId),
      (buys[side] ? FILL_BUYS : 0) | (opens[effect] ? FILL_OPENS : 0),
      quantities.at(fill, executionId),
      prices.at(fill, executionId),
      fees.at(fill, executionId),
      executions.executedAtMs[fill] as number,
      tradeDays[dateNumber] as number,
    );
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
  const marksByKey: Record<string, string> = {};
  for (const mark of optionMarks)
    if (contracts.used(mark.instrument_id)) marksByKey[contracts.keyOf(mark.instrument_id)] = mark.mark_price;
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
    watermark: watermarkMs === Number.NEGATIVE_INFINITY ? null : new Date(watermarkMs),
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
  firstSyncedFill: string | null,
  stockTrades: { source: string; trade_date: string }[],
): string | null {
  let first = firstSyncedFill;
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

  /** Whether the input mentions the instrument so far. */
  used(instrumentId: string): boolean {
    return this.made.has(instrumentId);
  }

  idsByKey(): Map<string, string> {
    // A loop, not arrays of the entries: there is an entry per contract traded.
    const ids = new Map<string, string>();
    for (const [id, { key }] of this.made) ids.set(key, id);
    return ids;
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
