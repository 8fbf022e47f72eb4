import "server-only";
import { matchedLotCount, type PnlResult } from "@/lib/pnl";
import { type MergedCounts, mergeUserRows } from "@/lib/server/db/merge-user-rows";
import type { SideWork } from "@/lib/server/db/side-work";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { chainOpeningStrategies } from "./chain-opening-strategies";
import type { InstrumentIds } from "./contract-instrument-ids";
import { derivedRows } from "./derived-rows";
import { derivedRowsScope } from "./derived-rows-scope";
import { type FlatCut, flatCutsOf, flatCutTable } from "./flat-cuts";
import { refreshDerivedStatistics } from "./refresh-derived-statistics";
import type { StatisticsPolicy } from "./statistics-policy";

export type PersistPnlResultOptions = {
  userId: string;
  result: PnlResult;
  /** The instrument id of each contract the result names (`withAdjustedInstruments`). */
  instrumentIds: InstrumentIds;
  /** The broker's `opening_strategy` by broker execution id, from the loader. */
  openingStrategyOfFill: ReadonlyMap<string, string>;
  /**
   * The underlyings the result covers, when it is an incremental recompute's: only those
   * underlyings' stored rows are replaced. The whole history when absent.
   */
  underlyings?: readonly string[];
  /** The flat cuts the result was replayed from (its inputs dated before them were left out). */
  cuts?: ReadonlyMap<string, FlatCut>;
  /**
   * Of an incremental recompute's underlyings, the date before which each one's rows are known
   * unchanged (`settledBefore`): rows that ended before it are neither compared nor written.
   */
  settled?: ReadonlyMap<string, string>;
  /** The last trading date of each underlying's inputs the result was computed from. */
  lastDays: ReadonlyMap<string, string>;
  /** When a write is worth an ANALYZE of its table (tests lower it); the default otherwise. */
  statistics?: StatisticsPolicy;
  /** Up to how many rows the merge stages inline instead of by COPY (tests lower it); its default otherwise. */
  inlineStagingRows?: number;
  /**
   * Work for this side while it waits on the server (`mergeUserRows`' `sideWork`), made from the
   * flat cuts the write records.
   */
  sideWork?: (cuts: ReadonlyMap<string, FlatCut>) => SideWork;
};

export type PersistedCounts = {
  /** The flat cut of every underlying replayed, as written. */
  cuts: ReadonlyMap<string, FlatCut>;
  lots: number;
  openPositions: number;
  chains: number;
  days: number;
  /** Rows the merge inserted, updated and deleted, over every derived table. */
  written: MergedCounts;
  /** Rows sent to the database to compare or write (`TableMerge.staged`), over every derived table. */
  staged: number;
  /** The derived tables whose planner statistics were refreshed after the write. */
  analyzed: string[];
  /** Building the rows (the engine's lazily built result rows, then COPY text), writing them, analyzing. */
  buildMs: number;
  writeMs: number;
  analyzeMs: number;
};

/**
 * Makes a user's derived rows those of a new engine result, writing only the rows that differ
 * (`mergeUserRows`: rows staged on the transaction's own connection, then one set-based
 * multi-statement query; docs/RECOMPUTE-MEASUREMENTS.md has the figures). The same inputs always
 * leave identical rows, with chain ids that do not change, so recompute stays idempotent.
 */
export async function persistPnlResult(
  tx: UserTransaction,
  options: PersistPnlResultOptions,
): Promise<PersistedCounts> {
  const { userId, result, instrumentIds, underlyings, lastDays } = options;
  const cuts = options.cuts ?? new Map<string, FlatCut>();
  const started = performance.now();
  const openingStrategies = chainOpeningStrategies(result, options.openingStrategyOfFill);
  const stockRealizedBefore = new Map([...cuts].map(([underlying, cut]) => [underlying, cut.stockRealized]));
  const settled = underlyings ? (options.settled ?? new Map<string, string>()) : new Map<string, string>();
  const tables = derivedRows({
    userId,
    result,
    instrumentIds,
    openingStrategies,
    stockRealizedBefore,
    settled,
  });
  // The next flat cut of every underlying replayed (of every one the history holds, for a full one).
  const replayed = underlyings ?? everyUnderlying(result, lastDays);
  const nextCuts = flatCutsOf({ result, asOf: result.asOf, lastDays, previous: cuts, underlyings: replayed });
  tables.push(flatCutTable(userId, nextCuts));
  if (underlyings) {
    // A scoped merge finds stored lots through their chain: every lot must name one.
    const lots = tables.find((table) => table.table === "matched_lots");
    if (lots?.rows.some((row) => row[5] === null))
      throw new Error("a lot without a chain in a scoped recompute");
  }
  const built = performance.now();
  const merged = await mergeUserRows(tx, {
    userId,
    tables,
    scope: underlyings ? derivedRowsScope(userId, underlyings, cuts, settled) : undefined,
    inlineStagingRows: options.inlineStagingRows,
    sideWork: options.sideWork?.(nextCuts),
  });
  const mergedAt = performance.now();
  // A write that changed a large share of the user's rows leaves the planner's statistics behind.
  const analyzed = await refreshDerivedStatistics(tx, merged.tables, options.statistics);

  return {
    cuts: nextCuts,
    lots: matchedLotCount(result),
    openPositions: result.openPositions.length,
    chains: result.chains.length,
    days: tables.find((table) => table.table === "daily_pnl")?.rows.length ?? 0,
    written: { inserted: merged.inserted, updated: merged.updated, deleted: merged.deleted },
    staged: merged.staged,
    analyzed,
    buildMs: Math.round(built - started),
    writeMs: Math.round(mergedAt - built),
    analyzeMs: Math.round(performance.now() - mergedAt),
  };
}

function everyUnderlying(result: PnlResult, lastDays: ReadonlyMap<string, string>): string[] {
  const all = new Set(lastDays.keys());
  for (const chain of result.chains) all.add(chain.underlying);
  for (const position of result.stockPositions) all.add(position.underlying);
  for (const match of result.stockMatches) all.add(match.underlying);
  return [...all];
}
