import { describe, expect, it } from "vitest";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import { userLockKey } from "@/lib/server/db/user-context";
import { runRecomputeTick } from "@/lib/server/recompute/run-recompute-tick";
import { seedOptionsHistory } from "@/tests/support/seed-options-history";
import { connectOwner, setUpTestDatabases } from "@/tests/support/test-database";

const TRADERS = Array.from(
  { length: 8 },
  (_, index) => `ffffffff-0000-4000-8000-${String(index).padStart(12, "0")}`,
);
const now = () => new Date("2026-11-26T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true, maxConnections: 8 });

async function seedAll() {
  for (const [index, trader] of TRADERS.entries())
    await seedOptionsHistory(databases.db, trader, `ACCT${index}`);
}

async function countCronRuns(): Promise<number> {
  const { rows } = await databases.owner.query(
    "SELECT count(*)::int AS n FROM recompute_runs WHERE trigger = 'cron'",
  );
  return rows[0].n;
}

/** Other sessions waiting for a lock (here: the blocked users' upserts, behind the test's row locks). */
async function countWaitingUpserts(): Promise<number> {
  const { rows } = await databases.owner.query(
    "SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()",
  );
  return rows[0].n;
}

describe("runRecomputeTick", () => {
  it("recomputes every queued user exactly once when several ticks run at the same time", async () => {
    await seedAll();
    const reports = await Promise.all(
      [1, 2, 3].map(() => runRecomputeTick({ db: databases.db, budgetMs: 30_000, now, concurrency: 3 })),
    );

    expect(reports.reduce((sum, report) => sum + report.recomputed, 0)).toBe(TRADERS.length);
    expect(reports.every((report) => report.failed === 0)).toBe(true);
    const { rows } = await databases.owner.query(
      "SELECT user_id, count(*)::int AS runs FROM recompute_runs WHERE trigger = 'cron' GROUP BY user_id",
    );
    expect(rows).toHaveLength(TRADERS.length);
    expect(rows.every((row) => row.runs === 1)).toBe(true);
    const queue = await databases.owner.query("SELECT count(*)::int AS n FROM recompute_queue");
    expect(queue.rows[0].n).toBe(0);
    const chains = await databases.owner.query("SELECT count(*)::int AS n FROM roll_chains");
    expect(chains.rows[0].n).toBe(TRADERS.length * 2);
  });

  it("recomputes other queued users while one user's transaction waits, and each exactly once", async () => {
    await seedAll();
    // Hold the first-queued user's row: its recompute (the user upsert) waits until the test lets go.
    const blocker = await connectOwner();
    try {
      await blocker.query("BEGIN");
      await blocker.query("SELECT 1 FROM users WHERE robinhood_user_id = $1 FOR UPDATE", [TRADERS[0]]);
      const tick = runRecomputeTick({ db: databases.db, budgetMs: 30_000, now, concurrency: 3 });
      // One at a time, the tick would sit behind the held user and recompute nobody meanwhile.
      await expect.poll(() => countCronRuns(), { timeout: 20_000, interval: 100 }).toBe(TRADERS.length - 1);
      await blocker.query("COMMIT");
      const report = await tick;
      expect(report).toMatchObject({ recomputed: TRADERS.length, failed: 0, deferred: 0 });
    } finally {
      await blocker.end();
    }
    const { rows } = await databases.owner.query(
      "SELECT count(DISTINCT user_id)::int AS users, count(*)::int AS runs FROM recompute_runs WHERE trigger = 'cron'",
    );
    expect(rows[0]).toEqual({ users: TRADERS.length, runs: TRADERS.length });
  });

  it("never has more users in progress than its concurrency", async () => {
    await seedAll();
    // The two first-queued users wait on their rows: with two workers both are busy and nobody else
    // may be recomputed until they are let go.
    const blocker = await connectOwner();
    try {
      await blocker.query("BEGIN");
      await blocker.query("SELECT 1 FROM users WHERE robinhood_user_id = ANY($1) FOR UPDATE", [
        TRADERS.slice(0, 2),
      ]);
      const tick = runRecomputeTick({ db: databases.db, budgetMs: 30_000, now, concurrency: 2 });
      await expect.poll(() => countWaitingUpserts(), { timeout: 20_000, interval: 100 }).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await countCronRuns()).toBe(0);
      await blocker.query("COMMIT");
      expect(await tick).toMatchObject({ recomputed: TRADERS.length, failed: 0 });
    } finally {
      await blocker.end();
    }
  });

  it("leaves a user whose lock other work holds queued, and recomputes the others", async () => {
    await seedAll();
    const holder = await connectOwner();
    try {
      const { rows } = await databases.owner.query(
        "SELECT id::text FROM users WHERE robinhood_user_id = $1",
        [TRADERS[2]],
      );
      await holder.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [userLockKey(rows[0].id)]);
      const report = await runRecomputeTick({ db: databases.db, budgetMs: 30_000, now, concurrency: 3 });
      expect(report).toMatchObject({ recomputed: TRADERS.length - 1, deferred: 1, failed: 0 });
      const queue = await databases.owner.query("SELECT robinhood_user_id FROM recompute_queue");
      expect(queue.rows).toEqual([{ robinhood_user_id: TRADERS[2] }]);
    } finally {
      await holder.end();
    }
  });

  it("does nothing, quickly, when no input changed", async () => {
    await seedAll();
    await runRecomputeTick({ db: databases.db, budgetMs: 30_000, now });
    const idle = await runRecomputeTick({ db: databases.db, budgetMs: 30_000, now });
    expect(idle).toMatchObject({ recomputed: 0, failed: 0, deferred: 0, budgetExhausted: false });
  });

  it("stops claiming when its time budget is spent and leaves the rest for the next tick", async () => {
    await seedAll();
    const spent = await runRecomputeTick({ db: databases.db, budgetMs: 0, now });
    expect(spent).toMatchObject({ recomputed: 0, budgetExhausted: true });
    const queue = await databases.owner.query("SELECT count(*)::int AS n FROM recompute_queue");
    expect(queue.rows[0].n).toBe(TRADERS.length);
  });

  it("never recomputes, or brings back, an account deleted before its turn", async () => {
    await seedAll();
    await deleteAccount({ db: databases.db, robinhoodUserId: TRADERS[0] as string });
    const report = await runRecomputeTick({ db: databases.db, budgetMs: 30_000, now });
    expect(report.recomputed).toBe(TRADERS.length - 1);
    const { rows } = await databases.owner.query(
      "SELECT count(*)::int AS n FROM users WHERE robinhood_user_id = $1",
      [TRADERS[0]],
    );
    expect(rows[0].n).toBe(0);
  });

  it("records a failure, keeps the user queued for a later retry and goes on with the others", async () => {
    await seedAll();
    await databases.owner.query(
      `UPDATE option_executions SET quantity = 0 WHERE broker_execution_id = 'ex-4'
       AND user_id = (SELECT id FROM users WHERE robinhood_user_id = $1)`,
      [TRADERS[1]],
    );
    const report = await runRecomputeTick({ db: databases.db, budgetMs: 30_000, now });
    // Should another user fail too, or the tick stop early, the message names whose run failed and
    // why, and what the tick deferred or left for its budget.
    const failures = await databases.owner.query(
      "SELECT u.robinhood_user_id, r.error FROM recompute_runs r JOIN users u ON u.id = r.user_id WHERE r.status = 'FAILED'",
    );
    const { summaries: _, ...counts } = report;
    expect(report, JSON.stringify({ counts, failures: failures.rows })).toMatchObject({
      recomputed: TRADERS.length - 1,
      failed: 1,
    });
    expect(failures.rows.map((row) => row.robinhood_user_id)).toEqual([TRADERS[1]]);
    const { rows } = await databases.owner.query(
      "SELECT robinhood_user_id, queued_at > now() AS delayed FROM recompute_queue",
    );
    expect(rows).toEqual([{ robinhood_user_id: TRADERS[1], delayed: true }]);
  });
});
