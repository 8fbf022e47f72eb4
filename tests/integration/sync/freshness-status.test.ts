import { describe, expect, it } from "vitest";
import type { FreshnessStatus } from "@/lib/freshness/status-schema";
import { getFreshnessStatus } from "@/lib/server/queries/get-freshness-status";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { syncUser } from "@/lib/server/sync/sync-user";
import { SIM_NOW, setUpSyncTestbed, signInDemo } from "./sync-test-support";

const bed = setUpSyncTestbed();

describe("the status read polled by open tabs", () => {
  it("says nothing has run yet for a new user", async () => {
    const { robinhoodUserId } = await signInDemo(bed.simulator);
    expect(await getFreshnessStatus({ db: bed.db, robinhoodUserId })).toEqual({
      sync: null,
      lastSyncedAt: null,
      recompute: null,
      version: "-/-",
    });
  });

  it("shows a running sync's real progress, then a new version when the sync and the recompute finish", async () => {
    const { session, robinhoodUserId } = await signInDemo(bed.simulator);
    const before = await getFreshnessStatus({ db: bed.db, robinhoodUserId });
    const seenWhileRunning: Promise<FreshnessStatus>[] = [];
    const report = await syncUser({
      db: bed.db,
      session,
      robinhoodUserId,
      now: SIM_NOW,
      onProgress: (progress) => {
        // The previous phases' progress is committed by now: what another tab's poll would see.
        if (progress.phase === "events")
          seenWhileRunning.push(getFreshnessStatus({ db: bed.db, robinhoodUserId }));
      },
    });
    const [running] = await Promise.all(seenWhileRunning);
    expect(running?.sync?.status).toBe("RUNNING");
    expect(running?.sync?.progress?.phase).toBe("stock-orders");
    expect(running?.sync?.progress?.orders).toBe(report.synced.orders);
    expect(running?.sync?.progress?.orderPages).toBeGreaterThan(1);
    expect(running?.version).toBe(before.version);

    const synced = await getFreshnessStatus({ db: bed.db, robinhoodUserId });
    expect(synced.sync).toMatchObject({
      status: "SUCCEEDED",
      error: null,
      finishedAt: report.finishedAt.toISOString(),
    });
    expect(synced.lastSyncedAt).toBe(report.finishedAt.toISOString());
    expect(synced.version).not.toBe(before.version);

    await recomputeUserPnl({ db: bed.db, robinhoodUserId, trigger: "sync", now: SIM_NOW });
    const recomputed = await getFreshnessStatus({ db: bed.db, robinhoodUserId });
    expect(recomputed.recompute?.status).toBe("SUCCEEDED");
    expect(recomputed.version).not.toBe(synced.version);
  });

  it("keeps the last successful sync as the data's age when a later sync fails", async () => {
    const { session, robinhoodUserId } = await signInDemo(bed.simulator);
    const report = await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    bed.simulator.controls.addFault({
      path: "/accounts/",
      times: null,
      fault: { kind: "status", status: 500 },
    });
    await expect(syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW })).rejects.toThrow();

    const status = await getFreshnessStatus({ db: bed.db, robinhoodUserId });
    expect(status.sync).toMatchObject({
      status: "FAILED",
      error: "Robinhood is having problems right now. Try again later.",
    });
    expect(status.lastSyncedAt).toBe(report.finishedAt.toISOString());
  });

  it("shows one user nothing of another's syncs", async () => {
    const demo = await signInDemo(bed.simulator);
    await syncUser({
      db: bed.db,
      session: demo.session,
      robinhoodUserId: demo.robinhoodUserId,
      now: SIM_NOW,
    });
    const status = await getFreshnessStatus({
      db: bed.db,
      robinhoodUserId: "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
    });
    expect(status).toMatchObject({ sync: null, lastSyncedAt: null, recompute: null });
  });
});
