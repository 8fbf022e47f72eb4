import "server-only";
import {
  dayNumber,
  FILL_BUYS,
  FILL_OPENS,
  type PnlColumns,
  type PnlCorporateAction,
  type PnlLifecycleEvent,
  type PnlStockTrade,
} from "@/lib/pnl";
import { repeatedTextAt } from "@/lib/server/db/copy-columns";
import type { LoadedInstrumentIds } from "./contract-instrument-ids";
import { DecimalTexts, ExecutionColumnsBuilder, type InstrumentRow } from "./execution-columns";
import type { FlatCut } from "./flat-cuts";
import type { InputSnapshot } from "./input-snapshot";
import { InstrumentContracts } from "./instrument-contracts";
import { SupersededSwaps } from "./load-corporate-actions";
import type { LoadedPnlInput, LoadScope } from "./load-pnl-input";
import { toPnlStockTrade } from "./load-stock-input";
import type { InputRows } from "./read-input-rows";
import { ReadWindow } from "./read-window";

export type PnlInputOfRowsOptions = {
  asOf: string;
  /** The scope the rows were read for, when they were (`LoadScope`). */
  scope: LoadScope | undefined;
  corporateActions: PnlCorporateAction[];
  /** Epoch milliseconds of the newest corporate action's creation (part of the input watermark). */
  actionsChangedMs: number;
  /**
   * Saved inputs of some scope underlyings (`InputSnapshot`), each holding what is dated before its
   * `beforeDay`: the rows read for them are those from that day on, and the snapshot adds the rest.
   */
  snapshots?: ReadonlyMap<string, { beforeDay: string; snapshot: InputSnapshot }>;
  /**
   * Record, of every underlying read whole (neither from a flat cut nor from a snapshot), its inputs
   * dated before `beforeDay`, as a snapshot for later recomputes (`LoadedPnlInput.recorded`).
   */
  record?: { beforeDay: string };
};

/**
 * The engine's input from the rows `readInputRows` read: the fills' three tables (joined as read) into
 * typed columns, the imported rows the synced history replaces and those before each flat cut left
 * out, the marks of what the input uses. Pure: no I/O.
 */
export function pnlInputOfRows(rows: InputRows, options: PnlInputOfRowsOptions): LoadedPnlInput {
  const { asOf, scope, corporateActions } = options;
  const cuts = scope?.cuts ?? new Map<string, FlatCut>();
  const snapshots = options.snapshots ?? new Map<string, { beforeDay: string; snapshot: InputSnapshot }>();
  // Each underlying read from a day on: its flat cut's, or its snapshot's.
  const readFrom = new Map<string, string>([...cuts].map(([underlying, cut]) => [underlying, cut.day]));
  for (const [underlying, { beforeDay }] of snapshots) readFrom.set(underlying, beforeDay);
  const { orders, legs, executions, stockTrades, instruments, optionMarks, stockMarks } = rows;

  const contracts = new InstrumentContracts(
    snapshots.size === 0
      ? instruments
      : [...instruments, ...[...snapshots.values()].flatMap(({ snapshot }) => snapshot.instruments)],
  );

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

  const superseded = new SupersededSwaps(corporateActions);
  let snapshotFills = 0;
  for (const { snapshot } of snapshots.values()) snapshotFills += snapshot.fills.id.length;
  const columns = new ExecutionColumnsBuilder(executions.count + snapshotFills, contracts.instruments);
  const reading = new ReadWindow(readFrom, cuts, options.actionsChangedMs, options.record, columns);
  // The saved inputs first: all dated before the rows read for their underlyings.
  for (const [underlying, { snapshot }] of snapshots) {
    const { fills } = snapshot;
    const contractRows = snapshot.instruments.map((row) => {
      const instrument = contracts.rowOf(row.id);
      contracts.ofRow(instrument);
      return columns.contractRow(instrument);
    });
    const accountNumbers = snapshot.accounts.map((accountId) => columns.accountNumber(accountId));
    const orderNumbers = snapshot.orders.map((orderId) => columns.orderNumber(orderId));
    for (let fill = 0; fill < fills.id.length; fill++) {
      const order = fills.order[fill] as number;
      columns.addNumbered(
        fills.id[fill] as string,
        accountNumbers[fills.account[fill] as number] as number,
        contractRows[fills.instrument[fill] as number] as number,
        order < 0 ? -1 : (orderNumbers[order] as number),
        fills.flags[fill] as number,
        fills.quantity[fill] as number,
        fills.price[fill] as number,
        fills.fees[fill] as number,
        fills.executedAtMs[fill] as number,
        fills.tradeDay[fill] as number,
      );
    }
    for (const [executionId, strategy] of snapshot.openingStrategies)
      openingStrategyOfFill.set(executionId, strategy);
    if (snapshot.lastDay !== null) reading.last(underlying, snapshot.lastDay);
    // JSON has no infinities: a snapshot of no rows stores null there.
    if (typeof snapshot.watermarkMs === "number") reading.seen(snapshot.watermarkMs);
  }
  // Per account, made the first time a counted fill asks (so numbering follows the fills as a
  // per-fill lookup would), like each contract and its row (`InstrumentContracts`, the builder).
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
    // The leg's contract by its row among those read (`fillTableColumns`).
    const instrument = legs.instrument[leg] as number;
    const { underlying, expiration } = contracts.ofRow(instrument);
    if (!reading.afterCut(underlying, tradeDate)) continue;
    // A fill after its contract expired: its lot closes as an inferred expiry on the expiration
    // date, before the cut, where the merge from the cut would not look.
    if (reading.expiredBeforeCut(underlying, expiration)) return tooNarrow(asOf, "cut");
    reading.last(underlying, tradeDate);
    reading.seen(executions.createdAtMs[fill] as number);
    const account = orders.accountId.rows[order] as number;
    const accountId = orders.accountId.texts[account] as string;
    // Null for an imported fill's made-up order (`readInputRows`).
    const orderId = orders.orderId[order] ?? null;
    if (superseded.covers(accountId, orderId, tradeDate, underlying)) continue;
    let accountNumber = accountNumbers[account] as number;
    if (accountNumber < 0) {
      accountNumber = columns.accountNumber(accountId);
      accountNumbers[account] = accountNumber;
    }
    const side = legs.side.rows[leg] as number;
    const effect = legs.positionEffect.rows[leg] as number;
    const executionId = executions.brokerExecutionId[fill] as string;
    const flags = (buys[side] ? FILL_BUYS : 0) | (opens[effect] ? FILL_OPENS : 0);
    const quantity = quantities.at(fill, executionId);
    const price = prices.at(fill, executionId);
    const fee = fees.at(fill, executionId);
    const executedAtMs = executions.executedAtMs[fill] as number;
    const tradeDay = tradeDays[dateNumber] as number;
    const row = columns.addNumbered(
      executionId,
      accountNumber,
      columns.contractRow(instrument),
      orderId === null ? -1 : columns.orderNumber(orderId),
      flags,
      quantity,
      price,
      fee,
      executedAtMs,
      tradeDay,
    );
    reading
      .recorderOf(underlying, tradeDate)
      ?.fill(row, executions.createdAtMs[fill] as number, repeatedTextAt(orders.openingStrategy, order));
  }
  const events: PnlLifecycleEvent[] = [];
  const stockTradeInputs: PnlStockTrade[] = [];
  for (const { snapshot } of snapshots.values()) {
    for (const { instrument, ...event } of snapshot.events)
      events.push({
        ...event,
        contract: contracts.of((snapshot.instruments[instrument] as InstrumentRow).id),
      });
    for (const trade of snapshot.stockTrades) stockTradeInputs.push(trade);
  }
  for (const event of rows.events) {
    const underlying = contracts.of(event.instrument_id).underlying;
    if (
      !counts(event.source, event.event_date, syncedFrom) ||
      !reading.afterCut(underlying, event.event_date)
    )
      continue;
    reading.seen(event.updated_at);
    reading.last(underlying, event.event_date);
    const mapped: PnlLifecycleEvent = {
      id: event.broker_event_id,
      accountId: event.account_id,
      type:
        event.type === "EXPIRATION" ? "expiration" : event.type === "ASSIGNMENT" ? "assignment" : "exercise",
      contract: contracts.of(event.instrument_id),
      quantity: event.quantity,
      date: event.event_date,
      // Imports record which position an event closed; synced events keep Robinhood's own wording.
      direction: event.direction === "long" || event.direction === "short" ? event.direction : null,
      stockFees: event.stock_fees,
    };
    events.push(mapped);
    reading
      .recorderOf(underlying, event.event_date)
      ?.event(mapped, contracts.instrument(contracts.rowOf(event.instrument_id)), event.updated_at);
  }
  for (const trade of stockTrades) {
    if (
      !counts(trade.source, trade.trade_date, syncedFrom) ||
      !reading.afterCut(trade.symbol, trade.trade_date)
    )
      continue;
    reading.seen(trade.created_at);
    reading.last(trade.symbol, trade.trade_date);
    const mapped = toPnlStockTrade(trade);
    stockTradeInputs.push(mapped);
    reading.recorderOf(trade.symbol, trade.trade_date)?.stockTrade(mapped, trade.created_at);
  }
  const input: PnlColumns = {
    format: "columns",
    asOf,
    ...columns.build(),
    events,
    stockTrades: stockTradeInputs,
    marks: {},
  };
  if (corporateActions.length > 0) input.corporateActions = corporateActions;
  // A contract that expired before its cut with no event was closed as an inferred expiry at the end
  // of the replay that saw it: until then its lots stayed open, and an event dated after the cut
  // would have closed them. Rare (a late event on an old contract): replay the underlyings whole.
  for (const event of input.events)
    if (reading.expiredBeforeCut(event.contract.underlying, event.contract.expiration))
      return tooNarrow(asOf, "cut");

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
    instrumentIds: new LoadedContractIds(columns, contracts),
    watermark: reading.watermarkMs === Number.NEGATIVE_INFINITY ? null : new Date(reading.watermarkMs),
    syncedFrom,
    openingStrategyOfFill,
    scopeTooNarrow: false,
    cutTooNarrow: false,
    lastDays: reading.lastDays,
    recorded: reading.recorders,
    fromSnapshots: new Map([...snapshots].map(([underlying, { beforeDay }]) => [underlying, beforeDay])),
  };
}

/**
 * By contract row from the columns the fills were added to, by key from the contracts met so far. A
 * class, so the code that calls it stays compiled between recomputes (`InstrumentIds`).
 */
class LoadedContractIds implements LoadedInstrumentIds {
  private ids: Map<string, string> | null = null;

  constructor(
    private readonly columns: ExecutionColumnsBuilder,
    private readonly contracts: InstrumentContracts,
  ) {}

  ofContractRow(row: number): string {
    return this.columns.instrumentOfContractRow(row).id;
  }

  byKey(): ReadonlyMap<string, string> {
    this.ids ??= this.contracts.idsByKey();
    return this.ids;
  }
}

function noContractRow(row: number): never {
  throw new Error(`no contract in row ${row}`);
}

function tooNarrow(asOf: string, what: "scope" | "cut" = "scope"): LoadedPnlInput {
  const empty = new ExecutionColumnsBuilder(0, []).build();
  return {
    input: { format: "columns", asOf, ...empty, events: [], stockTrades: [], marks: {} },
    instrumentIds: { ofContractRow: noContractRow, byKey: () => new Map() },
    watermark: null,
    syncedFrom: null,
    openingStrategyOfFill: new Map(),
    scopeTooNarrow: what === "scope",
    cutTooNarrow: what === "cut",
    lastDays: new Map(),
    recorded: new Map(),
    fromSnapshots: new Map(),
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
