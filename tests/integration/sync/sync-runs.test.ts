import { describe, expect, it } from "vitest";
import { listRuns } from "@/lib/server/queries/list-runs";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { syncUser } from "@/lib/server/sync/sync-user";
import { rawCounts, SIM_NOW, setUpSyncTestbed, signInDemo } from "./sync-test-support";

const bed = setUpSyncTestbed();

async function runsOf(userId: string) {
  const { rows } = await bed.owner.query(
    `SELECT trigger, outcome, phase, order_pages, orders, events, marks, new_rows, error, duration_ms,
            finished_at >= started_at AS ordered
     FROM sync_runs WHERE user_id = $1 ORDER BY started_at`,
    [userId],
  );
  return rows;
}

describe("sync run history", () => {
  it("records a successful sync with its trigger, counts and new rows", async () => {
    const { session, robinhoodUserId, userId } = await signInDemo(bed.simulator);
    const report = await syncUser({
      db: bed.db,
      session,
      robinhoodUserId,
      now: SIM_NOW,
      trigger: "scheduled",
    });

    const [run, ...rest] = await runsOf(userId);
    expect(rest).toEqual([]);
    expect(run).toMatchObject({
      trigger: "scheduled",
      outcome: "SUCCEEDED",
      phase: "succeeded",
      orders: report.synced.orders,
      events: report.synced.events,
      error: null,
      ordered: true,
    });
    expect(run.order_pages).toBeGreaterThan(1);
    const inserted = Object.values(report.inserted).reduce((sum, n) => sum + n, 0);
    expect(run.new_rows).toBe(inserted);
    expect(run.new_rows).toBeGreaterThan(report.synced.orders);
  });

  it("records a failed sync, with where it stopped and the readable error, though its writes rolled back", async () => {
    const { session, robinhoodUserId, userId } = await signInDemo(bed.simulator);
    bed.simulator.controls.addFault({
      path: "/options/orders/",
      skip: 1,
      times: null,
      fault: { kind: "status", status: 503 },
    });

    await expect(syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW })).rejects.toThrow();

    expect((await rawCounts(bed.owner, userId)).option_orders).toBe(0);
    expect(await runsOf(userId)).toEqual([
      expect.objectContaining({
        trigger: "manual",
        outcome: "FAILED",
        phase: "orders",
        order_pages: 1,
        new_rows: 0,
        error: "Robinhood is having problems right now. Try again later.",
      }),
    ]);
  });

  it("keeps one row per run: a failed then a successful sync are both listed", async () => {
    const { session, robinhoodUserId, userId } = await signInDemo(bed.simulator);
    bed.simulator.controls.addFault({
      path: "/options/events/",
      fault: { kind: "throttle", seconds: 86_400 },
    });
    await expect(syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW })).rejects.toThrow();
    bed.simulator.controls.clearFaults();
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW, trigger: "demo" });

    const runs = await runsOf(userId);
    expect(runs.map((run) => [run.trigger, run.outcome])).toEqual([
      ["manual", "FAILED"],
      ["demo", "SUCCEEDED"],
    ]);

    // The Runs page: recomputes and syncs together, newest first, with the failed sync's error.
    await recomputeUserPnl({ db: bed.db, robinhoodUserId, trigger: "sync", now: new Date() });
    const page = await listRuns({ db: bed.db, robinhoodUserId, page: 1 });
    expect(page.total).toBe(3);
    expect(page.runs.map((run) => [run.kind, run.detail, run.outcome])).toEqual([
      ["recompute", "sync", "SUCCEEDED"],
      ["sync", "demo", "SUCCEEDED"],
      ["sync", "manual", "FAILED"],
    ]);
    expect(page.runs[2]?.error).toBe("Robinhood is limiting requests right now. Try again later.");
    expect(page.runs[1]?.counts.find((count) => count.label === "orders")?.value).toBeGreaterThan(0);
    expect(await listRuns({ db: bed.db, robinhoodUserId, page: 2 })).toMatchObject({
      runs: [],
      pageCount: 1,
    });
  });
});
