import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/server/db/create-prisma-client";

// A tick's workers claim users from the queue concurrently. The queue row a worker claimed is free
// again as soon as its transaction ends on the server, a round trip before the worker hears of it;
// a claim another worker sends in that gap must not take the same user again. A real database shows
// the gap only by chance; here a fake queue holds each claimed row until its transaction ends and
// answers the worker one round trip later, so the gap is always there.

const FAILING = "rh-failing";
const HELD = "rh-held";
const attempts = new Map<string, number>();

vi.mock("@/lib/server/db/with-user-transaction", () => ({
  runAsUser: (
    tx: unknown,
    options: { robinhoodUserId: string },
    work: (tx: unknown, user: { id: string; robinhoodUserId: string }) => unknown,
  ) => work(tx, { id: `id-${options.robinhoodUserId}`, robinhoodUserId: options.robinhoodUserId }),
}));
vi.mock("@/lib/server/recompute/recompute-in-transaction", () => ({
  recomputeInTransaction: async (tx: FakeTx, user: { robinhoodUserId: string }) => {
    attempts.set(user.robinhoodUserId, (attempts.get(user.robinhoodUserId) ?? 0) + 1);
    if (user.robinhoodUserId === FAILING) throw new Error("quantity is not a positive decimal");
    await sleep(2);
    tx.onCommit(() => queue.delete(`id-${user.robinhoodUserId}`));
    return { userId: `id-${user.robinhoodUserId}` };
  },
}));
vi.mock("@/lib/server/recompute/record-failed-recompute", () => ({
  recordFailedRecompute: async () => undefined,
}));

const { runRecomputeTick } = await import("@/lib/server/recompute/run-recompute-tick");

type QueueRow = { robinhoodUserId: string; queuedAt: number; lockedBy: symbol | null };
type FakeTx = {
  $queryRaw: (strings: TemplateStringsArray, ...values: unknown[]) => Promise<unknown[]>;
  onCommit(run: () => void): void;
};

const queue = new Map<string, QueueRow>();
/** Users whose per-user lock other work holds. */
const heldUsers = new Set<string>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long the worker waits to hear that its COMMIT or ROLLBACK ran (the row is free before). */
const ROUND_TRIP_MS = 10;

function fakeDatabase(): Database {
  const now = () => Date.now();
  return {
    async $transaction(callback: (tx: FakeTx) => Promise<unknown>) {
      const id = Symbol("transaction");
      const commits: (() => void)[] = [];
      const release = () => {
        for (const row of queue.values()) if (row.lockedBy === id) row.lockedBy = null;
      };
      const tx: FakeTx = {
        // The claim: the oldest queued row not claimed by this tick yet and not locked (`FOR UPDATE
        // SKIP LOCKED`), with the per-user lock tried. The tick's list is read when the query is sent.
        async $queryRaw(_strings, ...values) {
          const claimedThisTick = [...(values[0] as string[])];
          await sleep(0);
          const [userId, row] =
            [...queue].find(
              ([userId, row]) =>
                row.queuedAt <= now() && row.lockedBy === null && !claimedThisTick.includes(userId),
            ) ?? [];
          if (!row || !userId) return [];
          row.lockedBy = id;
          const locked = !heldUsers.has(row.robinhoodUserId);
          return [{ user_id: userId, robinhood_user_id: row.robinhoodUserId, input_revision: 1, locked }];
        },
        onCommit: (run) => commits.push(run),
      };
      try {
        const result = await callback(tx);
        for (const run of commits) run();
        release();
        await sleep(ROUND_TRIP_MS);
        return result;
      } catch (error) {
        release();
        await sleep(ROUND_TRIP_MS);
        throw error;
      }
    },
    // The retry delay set on a failed user's queue row.
    async $executeRaw(_strings: TemplateStringsArray, ...values: unknown[]) {
      const [delaySeconds, userId] = values as [number, string];
      const row = queue.get(userId);
      if (row) row.queuedAt = now() + delaySeconds * 1000;
      return 1;
    },
  } as unknown as Database;
}

beforeEach(() => {
  attempts.clear();
  queue.clear();
  heldUsers.clear();
  const users = ["rh-a", FAILING, HELD, "rh-b", "rh-c", "rh-d", "rh-e", "rh-f"];
  for (const user of users) queue.set(`id-${user}`, { robinhoodUserId: user, queuedAt: 0, lockedBy: null });
});

describe("runRecomputeTick claims", () => {
  it("tries a failing user once per tick, though its row is free before the worker hears it failed", async () => {
    const report = await runRecomputeTick({ db: fakeDatabase(), budgetMs: 30_000, concurrency: 3 });
    expect(attempts.get(FAILING)).toBe(1);
    expect(report).toMatchObject({ recomputed: 7, failed: 1, deferred: 0 });
    expect([...queue.keys()]).toEqual([`id-${FAILING}`]);
  });

  it("defers a user whose lock other work holds once per tick", async () => {
    heldUsers.add(HELD);
    const report = await runRecomputeTick({ db: fakeDatabase(), budgetMs: 30_000, concurrency: 3 });
    expect(report).toMatchObject({ recomputed: 6, failed: 1, deferred: 1 });
    expect(attempts.has(HELD)).toBe(false);
    expect([...queue.keys()].sort()).toEqual([`id-${FAILING}`, `id-${HELD}`]);
  });
});
