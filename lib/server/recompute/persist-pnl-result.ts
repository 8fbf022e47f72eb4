import "server-only";
import { matchedLotCount, type PnlResult } from "@/lib/pnl";
import { transactionConnection } from "@/lib/server/db/copy-rows";
import { insertIntoEmptyTables } from "@/lib/server/db/insert-user-rows";
import {
  type MergedCounts,
  type MergeResult,
  mergeUserRows,
  storedTablesOf,
} from "@/lib/server/db/merge-user-rows";
import type { SideWork } from "@/lib/server/db/side-work";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { chainOpeningStrategies } from "./chain-opening-strategies";
import type { InstrumentIds } from "./contract-instrument-ids";
import { DERIVED_TABLES, DerivedRowsOfResult, type DerivedTable } from "./derived-rows";
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
 *
 * A whole write first asks which tables hold rows of the user. When none does (a first recompute)
 * there is nothing to compare: the lots and days (most of the rows) are built and sent first, and
 * the other tables are built while the server inserts them (`insertIntoEmptyTables`).
 */
export async function persistPnlResult(
  tx: UserTransaction,
  options: PersistPnlResultOptions,
): Promise<PersistedCounts> {
  const { userId, result, instrumentIds, underlyings, lastDays } = options;
  const cuts = options.cuts ?? new Map<string, FlatCut>();
  const started = performance.now();
  const stored = underlyings
    ? undefined
    : await storedTablesOf(await transactionConnection(tx), userId, WHOLE_TABLES);
  const settled = underlyings ? (options.settled ?? new Map<string, string>()) : new Map<string, string>();
  // Timed without a closure: code that calls one made per recompute is compiled again each time.
  let from = performance.now();
  const rows = new DerivedRowsOfResult({
    userId,
    result,
    instrumentIds,
    openingStrategies: chainOpeningStrategies(result, options.openingStrategyOfFill),
    stockRealizedBefore: new Map([...cuts].map(([underlying, cut]) => [underlying, cut.stockRealized])),
    settled,
  });
  // The next flat cut of every underlying replayed (of every one the history holds, for a full one).
  const replayed = underlyings ?? everyUnderlying(result, lastDays);
  let buildMs = performance.now() - from;
  let nextCuts: ReadonlyMap<string, FlatCut>;
  let merged: MergeResult;
  let days: DerivedTable;
  if (stored && stored.holding.size === 0) {
    from = performance.now();
    const [lots, daysOfLots] = rows.lotTables() as [DerivedTable, DerivedTable];
    days = daysOfLots;
    buildMs += performance.now() - from;
    const first = await insertIntoEmptyTables(tx, {
      userId,
      tables: [lots, days],
      inlineStagingRows: options.inlineStagingRows,
    });
    // Built while the server inserts the lots.
    from = performance.now();
    nextCuts = flatCutsOf({ result, asOf: result.asOf, lastDays, previous: cuts, underlyings: replayed });
    const others = [...rows.otherTables(), flatCutTable(userId, nextCuts)];
    buildMs += performance.now() - from;
    const rest = await insertIntoEmptyTables(tx, {
      userId,
      tables: others,
      inlineStagingRows: options.inlineStagingRows,
      sideWork: options.sideWork?.(nextCuts),
    }).catch(async (error: unknown) => {
      // A failure of the lots' INSERT (the statements after it then fail too) is the one to see.
      await first.inserted;
      throw error;
    });
    merged = combined([await first.inserted, await rest.inserted]);
  } else {
    from = performance.now();
    // The chains before the lots, as they are merged: built lots first, a merge over stored rows
    // took about 10 ms more to build them (alternating rounds of six recomputes).
    const [chains, links, positions, stock, wheel] = rows.otherTables() as DerivedTable[];
    const [lots, daysOfLots] = rows.lotTables() as [DerivedTable, DerivedTable];
    days = daysOfLots;
    nextCuts = flatCutsOf({ result, asOf: result.asOf, lastDays, previous: cuts, underlyings: replayed });
    buildMs += performance.now() - from;
    if (underlyings && lots.rows.some((row) => row[5] === null))
      // A scoped merge finds stored lots through their chain: every lot must name one.
      throw new Error("a lot without a chain in a scoped recompute");
    merged = await mergeUserRows(tx, {
      userId,
      // Parents first.
      tables: [
        chains,
        links,
        lots,
        positions,
        stock,
        wheel,
        days,
        flatCutTable(userId, nextCuts),
      ] as DerivedTable[],
      scope: underlyings ? derivedRowsScope(userId, underlyings, cuts, settled) : undefined,
      inlineStagingRows: options.inlineStagingRows,
      sideWork: options.sideWork?.(nextCuts),
      stored,
    });
  }
  const mergedAt = performance.now();
  // A write that changed a large share of the user's rows leaves the planner's statistics behind.
  const analyzed = await refreshDerivedStatistics(tx, merged.tables, options.statistics);

  return {
    cuts: nextCuts,
    lots: matchedLotCount(result),
    openPositions: result.openPositions.length,
    chains: result.chains.length,
    days: days.rows.length,
    written: { inserted: merged.inserted, updated: merged.updated, deleted: merged.deleted },
    staged: merged.staged,
    analyzed,
    buildMs: Math.round(buildMs),
    writeMs: Math.round(mergedAt - started - buildMs),
    analyzeMs: Math.round(performance.now() - mergedAt),
  };
}

/** Every table a whole write replaces. */
const WHOLE_TABLES = [...DERIVED_TABLES, "recompute_flat_cuts"];

/** Two writes' counts as one. */
function combined(parts: readonly MergeResult[]): MergeResult {
  return {
    inserted: parts.reduce((sum, part) => sum + part.inserted, 0),
    updated: parts.reduce((sum, part) => sum + part.updated, 0),
    deleted: parts.reduce((sum, part) => sum + part.deleted, 0),
    staged: parts.reduce((sum, part) => sum + part.staged, 0),
    tables: parts.flatMap((part) => part.tables),
  };
}

function everyUnderlying(result: PnlResult, lastDays: ReadonlyMap<string, string>): string[] {
  const all = new Set(lastDays.keys());
  for (const chain of result.chains) all.add(chain.underlying);
  for (const position of result.stockPositions) all.add(position.underlying);
  for (const match of result.stockMatches) all.add(match.underlying);
  return [...all];
}
