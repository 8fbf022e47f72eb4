import "server-only";
import type { PnlResult } from "@/lib/pnl";
import { type MergedCounts, mergeUserRows } from "@/lib/server/db/merge-user-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { chainOpeningStrategies } from "./chain-opening-strategies";
import { derivedRows } from "./derived-rows";
import { derivedRowsScope } from "./derived-rows-scope";

export type PersistPnlResultOptions = {
  userId: string;
  result: PnlResult;
  /** Instrument id by `contractKey`, from the loader. */
  instrumentIds: Map<string, string>;
  /** The broker's `opening_strategy` by broker execution id, from the loader. */
  openingStrategyOfFill: ReadonlyMap<string, string>;
  /**
   * The underlyings the result covers, when it is an incremental recompute's: only those
   * underlyings' stored rows are replaced. The whole history when absent.
   */
  underlyings?: readonly string[];
};

export type PersistedCounts = {
  lots: number;
  openPositions: number;
  chains: number;
  days: number;
  /** Rows the merge inserted, updated and deleted, over every derived table. */
  written: MergedCounts;
  /** Building the rows (the engine's lazily built result rows, then COPY text), and writing them. */
  buildMs: number;
  writeMs: number;
};

/**
 * Makes a user's derived rows those of a new engine result, writing only the rows that differ
 * (`mergeUserRows`: rows staged on the transaction's own connection, then one set-based
 * multi-statement query; docs/RECOMPUTE.md has the figures). The same inputs always leave identical
 * rows, with chain ids that do not change, so recompute stays idempotent.
 */
export async function persistPnlResult(
  tx: UserTransaction,
  options: PersistPnlResultOptions,
): Promise<PersistedCounts> {
  const { userId, result, instrumentIds, underlyings } = options;
  const started = performance.now();
  const openingStrategies = chainOpeningStrategies(result, options.openingStrategyOfFill);
  const tables = derivedRows({ userId, result, instrumentIds, openingStrategies });
  if (underlyings) {
    // A scoped merge finds stored lots through their chain: every lot must name one.
    const lots = tables.find((table) => table.table === "matched_lots");
    if (lots?.rows.some((row) => row[5] === null))
      throw new Error("a lot without a chain in a scoped recompute");
  }
  const built = performance.now();
  const written = await mergeUserRows(
    tx,
    userId,
    tables,
    underlyings ? derivedRowsScope(userId, underlyings) : undefined,
  );

  return {
    lots: result.matches.length,
    openPositions: result.openPositions.length,
    chains: result.chains.length,
    days: tables.find((table) => table.table === "daily_pnl")?.rows.length ?? 0,
    written,
    buildMs: Math.round(built - started),
    writeMs: Math.round(performance.now() - built),
  };
}
