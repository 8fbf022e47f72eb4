import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import { userLockKey } from "@/lib/server/db/user-context";
import { runAsUser } from "@/lib/server/db/with-user-transaction";
import { type RecomputeSummary, recomputeInTransaction } from "./recompute-in-transaction";
import { recordFailedRecompute } from "./record-failed-recompute";

/**
 * Users one tick recomputes at the same time by default. Each holds one pooled connection for its
 * transaction (the app's pool has 10), and the work alternates between Node (engine, rows) and
 * PostgreSQL (reads, merge), so a few at a time keep both busy; docs/SYNC.md has the measurements.
 */
export const RECOMPUTE_TICK_CONCURRENCY = 3;

export type RunRecomputeTickOptions = {
  /** Stop claiming new users after this long; the rest waits for the next tick. */
  budgetMs: number;
  /** Users recomputed at the same time, each in its own transaction; RECOMPUTE_TICK_CONCURRENCY by default. */
  concurrency?: number;
  db?: Database;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** How long a user whose recompute failed waits before it is tried again. */
  retryDelaySeconds?: number;
  /** Told of each user recomputed, as it commits (the benchmark's per-user figures). */
  onRecomputed?: (summary: RecomputeSummary) => void;
};

export type RecomputeTickReport = {
  recomputed: number;
  failed: number;
  /** Claimed but left for later because other work held the user. */
  deferred: number;
  budgetExhausted: boolean;
  durationMs: number;
  summaries: RecomputeSummary[];
};

type Claim = { user_id: string; robinhood_user_id: string; input_revision: number };
type Attempt =
  | { kind: "empty" }
  | { kind: "busy"; claim: Claim }
  | { kind: "done"; summary: RecomputeSummary }
  | { kind: "failed"; claim: Claim; error: unknown };

/**
 * One scheduler tick: claims users whose inputs changed, oldest first, and recomputes each in one
 * transaction that holds the claim (`FOR UPDATE SKIP LOCKED`, so concurrent ticks never process one
 * user twice), upserts the user first, and removes the queue entry on success (recomputeInTransaction does). A tick with nothing to
 * do costs one short transaction.
 */
export async function runRecomputeTick(options: RunRecomputeTickOptions): Promise<RecomputeTickReport> {
  const db = options.db ?? getDb();
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const report: RecomputeTickReport = {
    recomputed: 0,
    failed: 0,
    deferred: 0,
    budgetExhausted: false,
    durationMs: 0,
    summaries: [],
  };
  // Every user this tick claimed: it claims each at most once (one re-queued while it was being
  // recomputed waits for the next tick).
  const claimedThisTick: string[] = [];
  const concurrency = Math.max(1, options.concurrency ?? RECOMPUTE_TICK_CONCURRENCY);
  const workers: Promise<void>[] = [];

  // Claims and recomputes users until the queue is empty or the budget is spent. The first worker
  // starts alone and each claim it or another makes starts one more, up to `concurrency`: an idle
  // tick still costs one short transaction, and a queue of one user one more.
  const worker = async (): Promise<void> => {
    while (true) {
      if (Date.now() - started >= options.budgetMs) {
        report.budgetExhausted = true;
        return;
      }
      // As soon as this worker holds a user, the next worker may look for another.
      const attempt = await recomputeNextUser(db, claimedThisTick, now(), () => {
        if (workers.length < concurrency) workers.push(worker());
      });
      if (attempt.kind === "empty") return;
      if (attempt.kind === "done") {
        report.recomputed++;
        report.summaries.push(attempt.summary);
        options.onRecomputed?.(attempt.summary);
      } else if (attempt.kind === "busy") {
        report.deferred++;
      } else {
        report.failed++;
        await recordFailedRecompute({
          db,
          robinhoodUserId: attempt.claim.robinhood_user_id,
          trigger: "cron",
          now: now(),
          error: attempt.error,
        });
        await db.$executeRaw`
          UPDATE recompute_queue SET queued_at = now() + make_interval(secs => ${options.retryDelaySeconds ?? 300})
          WHERE user_id = ${attempt.claim.user_id}::uuid`;
      }
    }
  };
  workers.push(worker());
  // Workers started while waiting join the list; wait until every one has finished, so a failed
  // claim (the database gone) is reported only once nothing of this tick still runs.
  const errors: unknown[] = [];
  for (let waited = 0; waited < workers.length; waited++)
    await workers[waited]?.catch((error) => errors.push(error));
  if (errors.length > 0) throw errors[0];
  report.durationMs = Date.now() - started;
  return report;
}

async function recomputeNextUser(
  db: Database,
  claimedThisTick: string[],
  now: Date,
  onClaimed: () => void,
): Promise<Attempt> {
  let claimed: Claim | undefined;
  try {
    return await db.$transaction(
      async (tx) => {
        // The claim and the try of the per-user lock are one round trip. Never wait for the per-user
        // lock while holding the queue row: a sync holding the user lock may be waiting for this very
        // row; such a user is left to the next pass instead. MATERIALIZED: the lock is tried on the
        // one row claimed, never on a row the scan passed over.
        const [claim] = await tx.$queryRaw<(Claim & { locked: boolean })[]>`
          WITH claim AS MATERIALIZED (
            SELECT user_id, robinhood_user_id, input_revision FROM recompute_queue
            WHERE queued_at <= now() AND NOT (user_id = ANY(${claimedThisTick}::uuid[]))
            ORDER BY queued_at, user_id
            LIMIT 1 FOR UPDATE SKIP LOCKED)
          SELECT user_id::text, robinhood_user_id, input_revision,
                 pg_try_advisory_xact_lock(hashtextextended(${userLockKey("")} || user_id::text, 0)) AS locked
          FROM claim`;
        if (!claim) return { kind: "empty" } as const;
        claimed = claim;
        // Left out of this tick's later claims from now, before this transaction ends: once it
        // commits or rolls back, the queue row is free again, and a claim another worker sent in the
        // meantime would take a deferred or failed user a second time.
        claimedThisTick.push(claim.user_id);
        onClaimed();
        if (!claim.locked) return { kind: "busy", claim } as const;
        const summary = await runAsUser(
          tx,
          { robinhoodUserId: claim.robinhood_user_id, purpose: "work" },
          (userTx, user) =>
            recomputeInTransaction(userTx, user, {
              now,
              trigger: "cron",
              inputRevision: claim.input_revision,
            }),
        );
        return { kind: "done", summary } as const;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (!claimed) throw error;
    return { kind: "failed", claim: claimed, error };
  }
}
