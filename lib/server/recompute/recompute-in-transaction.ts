import "server-only";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { computePnl, ENGINE_VERSION } from "@/lib/pnl";
import { bumpDataVersion } from "@/lib/server/db/bump-data-version";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import { marketDataSourceOf } from "@/lib/server/marks/market-data-source";
import { recordDailyMarks } from "@/lib/server/marks/record-daily-marks";
import { loadPnlInput } from "./load-pnl-input";
import { persistPnlResult } from "./persist-pnl-result";
import { withAdjustedInstruments } from "./store-adjusted-instruments";

export type RecomputeSummary = {
  userId: string;
  engineVersion: string;
  asOf: string;
  executions: number;
  events: number;
  lots: number;
  openPositions: number;
  chains: number;
  realized: string;
  reconciles: boolean;
  issues: number;
  durationMs: number;
  /**
   * Where the time went (ms): reading the inputs, the engine, building the derived rows (the
   * engine's lazily built result rows included) and writing them.
   */
  phaseMs: { load: number; compute: number; build: number; write: number };
};

export type RecomputeInTransactionOptions = { now: Date; trigger: string; inputRevision?: number };

/** Load, compute, persist and record the run, all inside the caller's user transaction. */
export async function recomputeInTransaction(
  tx: UserTransaction,
  user: ScopedUser,
  options: RecomputeInTransactionOptions,
): Promise<RecomputeSummary> {
  const started = performance.now();
  const asOf = tradingDateOf(options.now);
  const marketData = await marketDataSourceOf(tx, user);
  const loaded = await loadPnlInput(tx, { userId: user.id, asOf, marketData });
  const loadedAt = performance.now();
  const result = computePnl(loaded.input);
  const computedAt = performance.now();
  const instrumentIds = await withAdjustedInstruments(tx, result, loaded.instrumentIds);
  const counts = await persistPnlResult(tx, { userId: user.id, result, instrumentIds });
  // The day's marks history (first recompute of a day, and the first after the close): every sync
  // is followed by a recompute, whatever started it, so this is where each day's marks are kept.
  await recordDailyMarks(tx, user, { now: options.now });
  const durationMs = Math.round(performance.now() - started);

  // The user's inputs are now reflected; sync and import queue them again under the same per-user
  // lock this transaction holds, so no change can slip between the load above and this delete.
  await tx.$executeRaw`DELETE FROM recompute_queue WHERE user_id = ${user.id}::uuid`;
  // Pages' cached reads of this user end when this transaction commits (lib/server/cache).
  await bumpDataVersion(tx, user);

  await tx.recomputeRun.create({
    data: {
      userId: user.id,
      engineVersion: ENGINE_VERSION,
      inputRevision: options.inputRevision ?? 0,
      inputWatermark: loaded.watermark,
      status: "SUCCEEDED",
      trigger: options.trigger,
      executionCount: loaded.input.executions.count,
      eventCount: loaded.input.events.length,
      lotCount: counts.lots,
      chainCount: counts.chains,
      startedAt: options.now,
      finishedAt: new Date(options.now.getTime() + durationMs),
      durationMs,
    },
  });

  return {
    userId: user.id,
    engineVersion: ENGINE_VERSION,
    asOf,
    executions: loaded.input.executions.count,
    events: loaded.input.events.length,
    lots: counts.lots,
    openPositions: counts.openPositions,
    chains: counts.chains,
    realized: result.totals.realized,
    reconciles: result.reconciliation.options.holds && result.reconciliation.stock.holds,
    issues: result.issues.length,
    durationMs,
    phaseMs: {
      load: Math.round(loadedAt - started),
      compute: Math.round(computedAt - loadedAt),
      build: counts.buildMs,
      write: counts.writeMs,
    },
  };
}
