import "server-only";
import type { PnlResult } from "@/lib/pnl";
import { mergeUserRows } from "@/lib/server/db/merge-user-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { chainOpeningStrategies } from "./chain-opening-strategies";
import { derivedRows } from "./derived-rows";

export type PersistPnlResultOptions = {
  userId: string;
  result: PnlResult;
  /** Instrument id by `contractKey`, from the loader. */
  instrumentIds: Map<string, string>;
};

export type PersistedCounts = {
  lots: number;
  openPositions: number;
  chains: number;
  days: number;
  /** Building the rows (the engine's lazily built result rows, then COPY text), and writing them. */
  buildMs: number;
  writeMs: number;
};

/**
 * Makes a user's derived rows those of a new engine result, writing only the rows that differ
 * (`mergeUserRows`: one COPY per table on the transaction's own connection, then one set-based
 * statement; docs/RECOMPUTE.md has the figures). The same inputs always leave identical rows, with
 * chain ids that do not change, so recompute stays idempotent.
 */
export async function persistPnlResult(
  tx: UserTransaction,
  options: PersistPnlResultOptions,
): Promise<PersistedCounts> {
  const { userId, result, instrumentIds } = options;
  const started = performance.now();
  const openingStrategies = await chainOpeningStrategies(tx, userId, result);
  const tables = derivedRows({ userId, result, instrumentIds, openingStrategies });
  const built = performance.now();
  await mergeUserRows(tx, userId, tables);

  return {
    lots: result.matches.length,
    openPositions: result.openPositions.length,
    chains: result.chains.length,
    days: tables.find((table) => table.table === "daily_pnl")?.rows.length ?? 0,
    buildMs: Math.round(built - started),
    writeMs: Math.round(performance.now() - built),
  };
}
