import "server-only";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { computePnl, dayNumber, ENGINE_VERSION, formatDay } from "@/lib/pnl";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import { marketDataSourceOf } from "@/lib/server/marks/market-data-source";
import { recordDailyMarks } from "@/lib/server/marks/record-daily-marks";
import { finishRecompute } from "./finish-recompute";
import { type LoadScope, loadPnlInput } from "./load-pnl-input";
import { type PersistedCounts, persistPnlResult } from "./persist-pnl-result";
import { planRecompute, type RecomputeMode } from "./plan-recompute";
import {
  INPUT_SNAPSHOT_LAG_DAYS,
  type InputSnapshotChoice,
  preparingInputSnapshots,
  readStoredSnapshots,
  type StoredSnapshot,
  saveInputSnapshots,
} from "./save-input-snapshots";
import { settledBefore } from "./settled-before";
import type { StatisticsPolicy } from "./statistics-policy";
import { withAdjustedInstruments } from "./store-adjusted-instruments";

export type RecomputeSummary = {
  userId: string;
  engineVersion: string;
  asOf: string;
  /**
   * The underlyings an incremental recompute replayed (empty: nothing had changed), or null for a
   * replay of the whole history. The counts and figures below are those of what was replayed.
   */
  scope: string[] | null;
  /**
   * The flat cut (trading date) each scope underlying replayed from, when they did: only inputs
   * dated from it on were read. Empty for a replay of whole underlyings or of the whole history.
   */
  fromCuts: Record<string, string>;
  /**
   * The date before which each scope underlying's rows were known unchanged and not compared (rows
   * of lots, chains and wheel cycles that ended before it, days before it); absent: all compared.
   */
  settledBefore: Record<string, string>;
  /**
   * The underlyings that read their inputs before a day from their saved input (docs/RECOMPUTE.md,
   * "Saved inputs"), with that day; and those whose saved input this run wrote.
   */
  fromSnapshots: Record<string, string>;
  snapshotsWritten: string[];
  /** Why the whole history was replayed, when it was. */
  fullReason: string | null;
  executions: number;
  events: number;
  lots: number;
  openPositions: number;
  chains: number;
  realized: string;
  reconciles: boolean;
  issues: number;
  /** Derived rows inserted, updated and deleted. */
  written: { inserted: number; updated: number; deleted: number };
  /**
   * Derived rows sent to the database to write: the new and changed ones, found by comparing with
   * the stored rows first (so exactly the rows inserted and updated), but for a table that held none
   * of the user's rows, whose rows all go in.
   */
  staged: number;
  /** Derived tables whose planner statistics the write made stale and that were analyzed after it. */
  analyzed: string[];
  durationMs: number;
  /**
   * Where the time went (ms): reading the inputs, the engine, building the derived rows (the
   * engine's lazily built result rows included), writing them and analyzing the tables it changed.
   */
  phaseMs: {
    load: number;
    compute: number;
    build: number;
    write: number;
    analyze: number;
    saveInputs: number;
  };
};

export type RecomputeInTransactionOptions = {
  now: Date;
  trigger: string;
  inputRevision?: number;
  /** `full` replays the whole history whatever changed (repair, engine change); default `auto`. */
  mode?: RecomputeMode;
  /** When a write is worth an ANALYZE of its table (`DEFAULT_STATISTICS_POLICY` unless given). */
  statistics?: StatisticsPolicy;
  /** Up to how many rows the write stages inline instead of by COPY; tests lower it to 0. */
  inlineStagingRows?: number;
  /** From how many fills an underlying read whole keeps a saved input (`INPUT_SNAPSHOT_MIN_FILLS`); tests lower it. */
  inputSnapshotMinFills?: number;
};

/**
 * Load, compute, persist and record the run, all inside the caller's user transaction. Replays only
 * the underlyings that changed when `planRecompute` proves it exact, else the whole history; both
 * leave exactly the same rows.
 */
export async function recomputeInTransaction(
  tx: UserTransaction,
  user: ScopedUser,
  options: RecomputeInTransactionOptions,
): Promise<RecomputeSummary> {
  const started = performance.now();
  const asOf = tradingDateOf(options.now);
  const marketData = await marketDataSourceOf(tx, user);
  const plan = await planRecompute(tx, user, { asOf, marketData, mode: options.mode ?? "auto" });
  const write = {
    statistics: options.statistics,
    inlineStagingRows: options.inlineStagingRows,
    inputSnapshotMinFills: options.inputSnapshotMinFills,
    storedSnapshots: plan.kind === "incremental" ? plan.storedSnapshots : null,
  };
  let replayed: Replayed =
    plan.kind === "incremental"
      ? await replay(tx, user, { asOf, marketData, scope: plan, changedFrom: plan.changedFrom, ...write })
      : { tooNarrow: true };
  if (replayed.tooNarrow && replayed.cutOnly && plan.kind === "incremental") {
    // The flat cuts could not be replayed from exactly: the underlyings, whole.
    replayed = await replay(tx, user, {
      asOf,
      marketData,
      scope: { ...plan, cuts: new Map() },
      changedFrom: plan.changedFrom,
      ...write,
    });
  }
  let fullReason = plan.kind === "full" ? plan.reason : null;
  if (replayed.tooNarrow) {
    fullReason ??= "the scope reached beyond the touched underlyings";
    replayed = await replay(tx, user, {
      asOf,
      marketData,
      scope: undefined,
      changedFrom: undefined,
      ...write,
    });
  }
  if (replayed.tooNarrow) throw new Error("a full replay cannot be too narrow");
  const { summary, loaded } = replayed;

  // The day's marks history (first recompute of a day, and the first after the close): every sync
  // is followed by a recompute, whatever started it, so this is where each day's marks are kept.
  await recordDailyMarks(tx, user, { now: options.now });
  const durationMs = Math.round(performance.now() - started);
  await finishRecompute(tx, user, {
    engineVersion: ENGINE_VERSION,
    inputRevision: options.inputRevision ?? 0,
    inputWatermark: loaded.watermark,
    trigger: options.trigger,
    executionCount: summary.executions,
    eventCount: summary.events,
    lotCount: summary.lots,
    chainCount: summary.chains,
    startedAt: options.now,
    durationMs,
    asOf,
    syncedFrom: loaded.syncedFrom,
    scopeUnderlyings: summary.scope?.length ?? null,
  });
  return { ...summary, userId: user.id, asOf, fullReason, durationMs };
}

type Replayed =
  | { tooNarrow: true; cutOnly?: boolean }
  | {
      tooNarrow: false;
      loaded: { watermark: Date | null; syncedFrom: string | null };
      summary: Omit<RecomputeSummary, "userId" | "asOf" | "fullReason" | "durationMs">;
    };

const NOTHING_WRITTEN: PersistedCounts = {
  cuts: new Map(),
  lots: 0,
  openPositions: 0,
  chains: 0,
  days: 0,
  written: { inserted: 0, updated: 0, deleted: 0 },
  staged: 0,
  analyzed: [],
  buildMs: 0,
  writeMs: 0,
  analyzeMs: 0,
};

/** Replays the scope's underlyings (or everything) and merges their rows; too narrow: nothing done. */
async function replay(
  tx: UserTransaction,
  user: ScopedUser,
  options: {
    asOf: string;
    marketData: Parameters<typeof loadPnlInput>[1]["marketData"];
    scope: LoadScope | undefined;
    /** Each scope underlying's earliest changed date, when known (`RecomputePlan`). */
    changedFrom: ReadonlyMap<string, string> | undefined;
    statistics: StatisticsPolicy | undefined;
    inlineStagingRows: number | undefined;
    inputSnapshotMinFills: number | undefined;
    /** The stored snapshots (an incremental plan's), or null when not known. */
    storedSnapshots: ReadonlyMap<string, StoredSnapshot> | null;
  },
): Promise<Replayed> {
  const { asOf, marketData, scope } = options;
  const started = performance.now();
  if (scope && scope.underlyings.length === 0) {
    // Nothing changed since the last run: nothing to read, compute or write.
    return {
      tooNarrow: false,
      loaded: { watermark: null, syncedFrom: scope.syncedFrom },
      summary: summaryOf({
        scope: [],
        fromCuts: {},
        settledBefore: {},
        fromSnapshots: {},
        snapshotsWritten: [],
        executions: 0,
        events: 0,
        counts: NOTHING_WRITTEN,
        result: null,
      }),
    };
  }
  const loaded = await loadPnlInput(tx, {
    userId: user.id,
    asOf,
    marketData,
    scope,
    recordBefore: formatDay(dayNumber(asOf) - INPUT_SNAPSHOT_LAG_DAYS),
  });
  if (loaded.scopeTooNarrow) return { tooNarrow: true };
  if (loaded.cutTooNarrow) return { tooNarrow: true, cutOnly: true };
  const loadedAt = performance.now();
  const result = computePnl(loaded.input);
  const computedAt = performance.now();
  const settled = settledBefore(loaded.input, options.changedFrom ?? new Map());
  const instrumentIds = await withAdjustedInstruments(tx, result, loaded.instrumentIds);
  // Known before the write, so the saved inputs to write are made while this side waits on the server.
  const snapshots: Omit<InputSnapshotChoice, "cuts"> = {
    readFromSnapshots: new Set(loaded.fromSnapshots.keys()),
    recorded: loaded.recorded,
    syncedFrom: loaded.syncedFrom,
    stored: (scope ? options.storedSnapshots : null) ?? (await readStoredSnapshots(tx, user.id)),
    corporateActions: (loaded.input.corporateActions?.length ?? 0) > 0,
    minFills: options.inputSnapshotMinFills,
  };
  const counts = await persistPnlResult(tx, {
    userId: user.id,
    result,
    instrumentIds,
    openingStrategyOfFill: loaded.openingStrategyOfFill,
    underlyings: scope?.underlyings,
    cuts: scope?.cuts,
    settled,
    lastDays: loaded.lastDays,
    statistics: options.statistics,
    inlineStagingRows: options.inlineStagingRows,
    sideWork: (cuts) => preparingInputSnapshots({ ...snapshots, cuts }),
  });
  const persistedAt = performance.now();
  const snapshotsWritten = await saveInputSnapshots(tx, {
    ...snapshots,
    userId: user.id,
    replayed: scope ? scope.underlyings : null,
    cuts: counts.cuts,
  });
  const summary = summaryOf({
    scope: scope ? [...scope.underlyings] : null,
    fromCuts: Object.fromEntries([...(scope?.cuts ?? [])].map(([underlying, cut]) => [underlying, cut.day])),
    settledBefore: Object.fromEntries(settled),
    fromSnapshots: Object.fromEntries(loaded.fromSnapshots),
    snapshotsWritten,
    executions: loaded.input.executions.count,
    events: loaded.input.events.length,
    counts,
    result,
  });
  summary.phaseMs.load = Math.round(loadedAt - started);
  summary.phaseMs.compute = Math.round(computedAt - loadedAt);
  summary.phaseMs.saveInputs = Math.round(performance.now() - persistedAt);
  return { tooNarrow: false, loaded, summary };
}

function summaryOf(options: {
  scope: string[] | null;
  fromCuts: Record<string, string>;
  settledBefore: Record<string, string>;
  fromSnapshots: Record<string, string>;
  snapshotsWritten: string[];
  executions: number;
  events: number;
  counts: PersistedCounts;
  result: ReturnType<typeof computePnl> | null;
}): Extract<Replayed, { tooNarrow: false }>["summary"] {
  const { counts, result } = options;
  return {
    engineVersion: ENGINE_VERSION,
    scope: options.scope,
    fromCuts: options.fromCuts,
    settledBefore: options.settledBefore,
    fromSnapshots: options.fromSnapshots,
    snapshotsWritten: options.snapshotsWritten,
    executions: options.executions,
    events: options.events,
    lots: counts.lots,
    openPositions: counts.openPositions,
    chains: counts.chains,
    realized: result?.totals.realized ?? "0",
    reconciles: result ? result.reconciliation.options.holds && result.reconciliation.stock.holds : true,
    issues: result?.issues.length ?? 0,
    written: counts.written,
    staged: counts.staged,
    analyzed: counts.analyzed,
    phaseMs: {
      load: 0,
      compute: 0,
      build: counts.buildMs,
      write: counts.writeMs,
      analyze: counts.analyzeMs,
      saveInputs: 0,
    },
  };
}
