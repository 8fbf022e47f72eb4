import "server-only";
import type { PnlResult } from "@/lib/pnl";
import { replaceUserRows } from "@/lib/server/db/copy-rows";
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

// Children before parents: a lot or position deleted first costs its chain's ON DELETE SET NULL
// nothing, and links deleted directly skip the cascade's per-row trigger.
const DELETE_ORDER = [
  "matched_lots",
  "open_positions",
  "roll_links",
  "roll_chains",
  "stock_positions",
  "wheel_cycles",
  "daily_pnl",
] as const;

/**
 * Replaces a user's derived rows with a new engine result: one COPY per table on the transaction's
 * own connection, then one statement deleting the old rows and inserting the new (docs/RECOMPUTE.md
 * has the figures). Derived rows are owned by recompute, so delete-and-insert inside the caller's
 * transaction is both simple and idempotent: the same inputs always leave identical rows, with chain ids that do not change.
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
  await replaceUserRows(tx, userId, tables, DELETE_ORDER);

  return {
    lots: result.matches.length,
    openPositions: result.openPositions.length,
    chains: result.chains.length,
    days: tables.find((table) => table.table === "daily_pnl")?.rows.length ?? 0,
    buildMs: Math.round(built - started),
    writeMs: Math.round(performance.now() - built),
  };
}
