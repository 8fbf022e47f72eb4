import "server-only";
import type { PnlColumns } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import type { MarketDataSource } from "@/lib/server/marks/market-data-source";
import type { LoadedInstrumentIds } from "./contract-instrument-ids";
import type { FlatCut } from "./flat-cuts";
import { type InputSnapshot, type InputSnapshotRecorder, parseInputSnapshot } from "./input-snapshot";
import { loadCorporateActions } from "./load-corporate-actions";
import { pnlInputOfRows } from "./pnl-input-of-rows";
import { readInputRows } from "./read-input-rows";

export type LoadedPnlInput = {
  /** The engine's columnar input: fills as typed columns, the rest as objects. */
  input: PnlColumns;
  /** Instrument id of every contract the input mentions. */
  instrumentIds: LoadedInstrumentIds;
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
  /** Of each underlying read whole, its inputs dated before the day asked for (`record`). */
  recorded: Map<string, InputSnapshotRecorder>;
  /** The underlyings whose inputs before a day came from their saved input, with that day. */
  fromSnapshots: Map<string, string>;
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
  /**
   * The day of the saved input (`recompute_input_snapshots`) each underlying not in `cuts` reads
   * from, when it has a usable one: its rows dated before it come from the snapshot.
   */
  snapshots?: ReadonlyMap<string, string>;
};

export type LoadPnlInputOptions = {
  userId: string;
  asOf: string;
  /** Whose marks to read: Robinhood's, or the demo's simulated ones (never the other's). */
  marketData: MarketDataSource;
  /** Read only these underlyings' rows; the whole history when absent. */
  scope?: LoadScope;
  /** Record, of each underlying read whole, its inputs dated before this day (`recorded`). */
  recordBefore?: string;
};

/**
 * Reads a user's executions, lifecycle events and latest marks and maps them to the engine's input:
 * the executions straight into typed columns (`ExecutionColumnsBuilder`), so the engine parses no
 * fill. Runs inside a user transaction, so row-level security scopes every read as well as the filter.
 * The rows come in one round trip (`readInputRows`), each table on its own, joined by
 * `pnlInputOfRows`.
 */
export async function loadPnlInput(
  tx: UserTransaction,
  options: LoadPnlInputOptions,
): Promise<LoadedPnlInput> {
  const { userId, scope } = options;
  const cuts = scope?.cuts ?? new Map<string, FlatCut>();
  const snapshots = await readInputSnapshots(tx, userId, scope?.snapshots ?? new Map());
  const rows = await readInputRows(tx, {
    userId,
    underlyings: scope?.underlyings,
    cutDays: new Map([
      ...[...cuts].map(([underlying, cut]): [string, string] => [underlying, cut.day]),
      ...[...snapshots].map(([underlying, { beforeDay }]): [string, string] => [underlying, beforeDay]),
    ]),
    savedInputs: { underlyings: [...snapshots.keys()], unexpiredOn: options.asOf },
    marketData: options.marketData,
  });
  let actionsChangedMs = Number.NEGATIVE_INFINITY;
  // A scoped recompute runs only for users without corporate actions (planRecompute).
  const corporateActions = scope
    ? []
    : await loadCorporateActions(tx, userId, (ms) => {
        actionsChangedMs = Math.max(actionsChangedMs, ms);
      });
  return pnlInputOfRows(rows, {
    asOf: options.asOf,
    scope,
    corporateActions,
    actionsChangedMs,
    snapshots,
    record: options.recordBefore === undefined ? undefined : { beforeDay: options.recordBefore },
  });
}

/** The saved inputs asked for, read whole; one of another format is left out (read from the rows). */
async function readInputSnapshots(
  tx: UserTransaction,
  userId: string,
  wanted: ReadonlyMap<string, string>,
): Promise<Map<string, { beforeDay: string; snapshot: InputSnapshot }>> {
  const snapshots = new Map<string, { beforeDay: string; snapshot: InputSnapshot }>();
  if (wanted.size === 0) return snapshots;
  const stored = await tx.$queryRawUnsafe<{ underlying: string; before_day: string; data: Uint8Array }[]>(
    `SELECT underlying, before_day::text AS before_day, data FROM recompute_input_snapshots
      WHERE user_id = $1::uuid AND underlying = ANY($2::text[])`,
    userId,
    [...wanted.keys()],
  );
  for (const row of stored) {
    // The plan chose it by its day: a snapshot rewritten since (by another recompute) is not used.
    if (wanted.get(row.underlying) !== row.before_day) continue;
    const snapshot = parseInputSnapshot(row.data);
    if (snapshot) snapshots.set(row.underlying, { beforeDay: row.before_day, snapshot });
  }
  return snapshots;
}
