import "server-only";
import { add, formatDecimal, formatMoney, type Micro } from "@/lib/money";
import {
  type CloseKind,
  forEachMatchedLot,
  type MatchedLotView,
  type MatchedLotVisitor,
  type PnlResult,
} from "@/lib/pnl";
import { type CopyRow, dayTimestamp } from "@/lib/server/db/copy-rows";
import { CHAIN_COLUMNS, chainRow, instrumentIdOf, LINK_COLUMNS, LinkRows, side } from "./chain-rows";
import type { InstrumentIds } from "./contract-instrument-ids";
import { type DerivedRowIds, derivedRowId, derivedRowIds } from "./derived-row-id";
import { stockTable, wheelTable } from "./stock-and-wheel-rows";

/**
 * One derived table's rows as COPY text, in `columns` order. The first column is the row's identity
 * (`id`, or for daily_pnl the day and underlying), which the incremental write compares by.
 */
export type DerivedTable = {
  table: string;
  columns: readonly string[];
  rows: CopyRow[];
  key?: readonly string[];
};

/** The derived tables, parents before children (chains before links, lots, positions). */
export const DERIVED_TABLES = [
  "roll_chains",
  "roll_links",
  "matched_lots",
  "open_positions",
  "stock_positions",
  "wheel_cycles",
  "daily_pnl",
] as const;

/** Every derived table of a result, parents before children (chains before links, lots, positions). */
export type DerivedTables = DerivedTable[];

export type DerivedRowsOptions = {
  userId: string;
  result: PnlResult;
  /** The instrument id of each contract the result names, from the loader and the adjusted contracts. */
  instrumentIds: InstrumentIds;
  /** The broker's `opening_strategy` by engine chain id. */
  openingStrategies: Map<string, string>;
  /** From flat cuts: the realized stock P&L before each symbol's cut, by account. */
  stockRealizedBefore?: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /**
   * Of an incremental recompute, each underlying's settled date (`settledBefore`): the rows of what
   * ended before it (chains closed before it with their links and lots, wheel cycles ended before
   * it, days before it) are left out, as the merge's scope leaves out their stored rows.
   */
  settled?: ReadonlyMap<string, string>;
};

const CLOSE_KINDS: Record<CloseKind, string> = {
  trade: "TRADE",
  expiration: "EXPIRATION",
  "expiration-inferred": "EXPIRATION_INFERRED",
  assignment: "ASSIGNMENT",
  exercise: "EXERCISE",
};

type DaySums = { realized: Micro; fees: Micro };

export const LOT_COLUMNS = [
  "id",
  "user_id",
  "account_id",
  "instrument_id",
  "lot_key",
  "chain_id",
  "side",
  "quantity",
  "open_price",
  "close_price",
  "opened_at",
  "closed_at",
  "close_trade_date",
  "close_kind",
  "fees",
  "realized_pnl",
] as const;
export const POSITION_COLUMNS = [
  "id",
  "user_id",
  "account_id",
  "instrument_id",
  "chain_id",
  "side",
  "quantity",
  "average_open_price",
  "cost_basis",
  "mark_price",
  "market_value",
  "unrealized_pnl",
] as const;
export const DAY_COLUMNS = ["trade_date", "underlying", "user_id", "realized_pnl", "fees"] as const;

/**
 * The rows a result stands for, in every derived table, as COPY text.
 *
 * The work per row is done by functions and methods defined once, not by closures made here: a
 * closure made per recompute takes the code that calls it down with it, and that code was compiled
 * again on every recompute (docs/RECOMPUTE-MEASUREMENTS.md, "Code compiled once").
 */
export function derivedRows(options: DerivedRowsOptions): DerivedTables {
  const rows = new DerivedRowsOfResult(options);
  const [lots, days] = rows.lotTables();
  const [chains, links, positions, stock, wheel] = rows.otherTables();
  return [
    chains as DerivedTable,
    links as DerivedTable,
    lots as DerivedTable,
    positions as DerivedTable,
    stock as DerivedTable,
    wheel as DerivedTable,
    days as DerivedTable,
  ];
}

/**
 * `derivedRows` in two parts, for a first write to send the lots (most of the rows) to the server
 * before the other tables are built: `lotTables` gives the lots and the days summed from them,
 * `otherTables` the chains, rolls, open positions, stock and wheel rows. Each is built once.
 */
export class DerivedRowsOfResult {
  private readonly settled: ReadonlyMap<string, string>;
  private readonly liveChains: PnlResult["chains"] = [];
  private readonly settledChains = new Set<string>();
  /** Chain ids are in URLs: a UUID v5 each, stable forever. Nothing links to the other rows. */
  private readonly chainIds = new Map<string, string>();

  constructor(private readonly options: DerivedRowsOptions) {
    const { userId, result } = options;
    this.settled = options.settled ?? new Map<string, string>();
    // A lot closed from the settled date on belongs to a chain closed from it on: a settled chain's
    // lots all closed before it.
    for (const chain of result.chains)
      if (endedBefore(this.settled, chain.underlying, chain.closedOn)) this.settledChains.add(chain.id);
      else this.liveChains.push(chain);
    for (const chain of this.liveChains) this.chainIds.set(chain.id, derivedRowId(userId, "chain", chain.id));
  }

  /** `matched_lots`, then `daily_pnl`. */
  lotTables(): DerivedTables {
    const { userId, result, instrumentIds } = this.options;
    const lotRows = new LotRows(userId, instrumentIds, this.chainIds, this.settledChains);
    forEachMatchedLot(result, lotRows);
    const { lots, days } = lotRows;
    const dayRows: CopyRow[] = [];
    for (const [underlying, ofUnderlying] of days)
      for (const [tradeDate, sums] of ofUnderlying) {
        // A day before the settled date summed only the lots of chains still open on it.
        if (endedBefore(this.settled, underlying, tradeDate)) continue;
        dayRows.push([tradeDate, underlying, userId, formatDecimal(sums.realized), formatDecimal(sums.fees)]);
      }
    return [
      { table: "matched_lots", columns: LOT_COLUMNS, rows: lots },
      { table: "daily_pnl", columns: DAY_COLUMNS, rows: dayRows, key: ["trade_date", "underlying"] },
    ];
  }

  /** `roll_chains`, `roll_links`, `open_positions`, `stock_positions`, then `wheel_cycles`. */
  otherTables(): DerivedTables {
    const { userId, result, instrumentIds, openingStrategies } = this.options;
    const { chainIds, settled } = this;
    const positionId = derivedRowIds(userId, "position");
    const chains: CopyRow[] = [];
    for (const chain of this.liveChains)
      chains.push(
        chainRow(userId, chain, chainIds.get(chain.id) ?? null, openingStrategies.get(chain.id) ?? null),
      );
    const links = new LinkRows(userId, instrumentIds);
    for (const chain of this.liveChains) links.add(chain, chainIds.get(chain.id) ?? null);

    const chainOfOpenLot = new Map(
      result.openLots.map((lot) => [`${lot.accountId}|${lot.contractKey}|${lot.direction}`, lot.chainId]),
    );
    const positions: CopyRow[] = result.openPositions.map((position) => {
      const key = `${position.accountId}|${position.contractKey}|${position.direction}`;
      return [
        positionId.of(key),
        userId,
        position.accountId,
        instrumentIdOf(instrumentIds, position.contractKey),
        chainIds.get(chainOfOpenLot.get(key) ?? "") ?? null,
        side(position.direction),
        position.quantity,
        position.averagePrice,
        position.openCash,
        position.mark,
        position.marketValue,
        position.unrealized,
      ];
    });
    return [
      { table: "roll_chains", columns: CHAIN_COLUMNS, rows: chains },
      { table: "roll_links", columns: LINK_COLUMNS, rows: links.rows },
      { table: "open_positions", columns: POSITION_COLUMNS, rows: positions },
      stockTable(userId, result, this.options.stockRealizedBefore),
      wheelTable(userId, result, (cycle) => !endedBefore(settled, cycle.underlying, cycle.endedOn)),
    ];
  }
}

/** Whether what ended on `day` (`YYYY-MM-DD`, or null: not ended) ended before its underlying's settled date. */
function endedBefore(settled: ReadonlyMap<string, string>, underlying: string, day: string | null): boolean {
  if (day === null || settled.size === 0) return false;
  const from = settled.get(underlying);
  return from !== undefined && day < from;
}

/**
 * The lot rows of a result, with realized option P&L per closing trading day and underlying summed as
 * the lots go by. A visitor class (not a closure per recompute), so its code stays compiled between
 * recomputes (`visitMatches`).
 */
class LotRows implements MatchedLotVisitor {
  readonly lots: CopyRow[] = [];
  readonly days = new Map<string, Map<string, DaySums>>();
  private readonly ids: DerivedRowIds;
  // Thousands of lots share each trading day: one timestamp text per day.
  private readonly timestamps = new Map<string, string>();

  constructor(
    private readonly userId: string,
    private readonly instrumentIds: InstrumentIds,
    private readonly chainIds: ReadonlyMap<string, string>,
    /** Chains closed before their underlying's settled date: their lots are left out. */
    private readonly settledChains: ReadonlySet<string>,
  ) {
    this.ids = derivedRowIds(userId, "lot");
  }

  visitLot(lot: Readonly<MatchedLotView>): void {
    if (this.settledChains.size > 0 && this.settledChains.has(lot.chainId)) return;
    // Numbered by the engine over every lot, so a lot's key never depends on what is settled.
    const closer = lot.closeExecutionId ?? lot.closeEventId ?? "inferred";
    const lotKey = `${lot.openExecutionId}>${closer}#${lot.ordinal}`;
    const fees = add(lot.openFees, lot.closeFees);
    let ofUnderlying = this.days.get(lot.underlying);
    if (ofUnderlying === undefined) {
      ofUnderlying = new Map();
      this.days.set(lot.underlying, ofUnderlying);
    }
    const day = ofUnderlying.get(lot.closedOn);
    if (day === undefined) ofUnderlying.set(lot.closedOn, { realized: lot.realized, fees });
    else {
      day.realized = add(day.realized, lot.realized);
      day.fees = add(day.fees, fees);
    }
    const instrumentId = instrumentIdOf(this.instrumentIds, lot.contractKey, lot.contractRow);
    this.lots.push([
      this.ids.of(lotKey),
      this.userId,
      lot.accountId,
      instrumentId,
      lotKey,
      this.chainIds.get(lot.chainId) ?? null,
      side(lot.direction),
      lot.quantity,
      lot.openPrice,
      lot.closePrice,
      this.timestampOf(lot.openedOn),
      this.timestampOf(lot.closedOn),
      lot.closedOn,
      CLOSE_KINDS[lot.closeKind],
      formatDecimal(fees),
      formatMoney(lot.realized),
    ]);
  }

  private timestampOf(day: string): string {
    let text = this.timestamps.get(day);
    if (text === undefined) {
      text = dayTimestamp(day);
      this.timestamps.set(day, text);
    }
    return text;
  }
}
