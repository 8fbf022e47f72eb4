import { describe, expect, it } from "vitest";
import { getReconnectNeededSince } from "@/lib/server/queries/get-reconnect-needed";
import { rawCounts, syncState } from "@/tests/integration/sync/sync-test-support";
import {
  ALPHA,
  connectTrader,
  minutesAfter,
  requestsTo,
  scheduleOf,
  setUpScheduleTestbed,
  TICK_AT,
  TRADERS,
  tick,
} from "./scheduled-sync-support";

const bed = setUpScheduleTestbed();

async function recomputeQueued(userId: string): Promise<boolean> {
  const { rows } = await bed.owner.query("SELECT 1 FROM recompute_queue WHERE user_id = $1", [userId]);
  return rows.length > 0;
}

describe("scheduled sync", () => {
  it("syncs and recomputes a due user, and the next tick leaves them alone until they are due again", async () => {
    const trader = await connectTrader(bed, ALPHA);
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({ next_sync_at: TICK_AT, failures: 0 });
    bed.simulator.controls.clearRequests();

    const first = await tick(bed, TICK_AT);

    expect(first.sync).toMatchObject({ usersDue: 1, claimed: 1, synced: 1, failed: 0 });
    const counts = await rawCounts(bed.owner, trader.id);
    expect(counts.option_orders).toBeGreaterThan(0);
    expect((await syncState(bed.owner, trader.id))?.status).toBe("SUCCEEDED");
    // The recompute ran in the same tick: nothing is left queued.
    expect(await recomputeQueued(trader.id)).toBe(false);
    // 17:00 New York, options closed: due again in an hour.
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({
      next_sync_at: minutesAfter(TICK_AT, 60),
      last_synced_at: TICK_AT,
      failures: 0,
    });
    const accountReads = requestsTo(bed, "/accounts/");

    const second = await tick(bed, minutesAfter(TICK_AT, 59));
    expect(second.sync).toMatchObject({ usersDue: 0, claimed: 0, synced: 0 });
    expect(requestsTo(bed, "/accounts/")).toBe(accountReads);

    const third = await tick(bed, minutesAfter(TICK_AT, 60));
    expect(third.sync).toMatchObject({ claimed: 1, synced: 1 });
    expect(await rawCounts(bed.owner, trader.id)).toEqual(counts);

    const { rows } = await bed.owner.query(
      "SELECT users_due, claimed, synced FROM cron_ticks ORDER BY started_at",
    );
    expect(rows).toEqual([
      { users_due: 1, claimed: 1, synced: 1 },
      { users_due: 0, claimed: 0, synced: 0 },
      { users_due: 1, claimed: 1, synced: 1 },
    ]);
  });

  it("lets two concurrent ticks share the due users and sync each exactly once", async () => {
    const traders = [];
    for (const username of TRADERS) traders.push(await connectTrader(bed, username));
    bed.simulator.controls.clearRequests();

    const [a, b] = await Promise.all([tick(bed, TICK_AT), tick(bed, TICK_AT)]);

    expect(a.sync.claimed + b.sync.claimed).toBe(TRADERS.length);
    expect(a.sync.synced + b.sync.synced).toBe(TRADERS.length);
    // One sync per user: each reads /user/ and /accounts/ once.
    expect(requestsTo(bed, "/accounts/")).toBe(TRADERS.length);
    expect(requestsTo(bed, "/user/")).toBe(TRADERS.length);
    for (const trader of traders) {
      expect((await scheduleOf(bed.owner, trader.id))?.last_synced_at).toEqual(TICK_AT);
    }
  });

  it("pauses every user for as long as Robinhood asks when it answers 429", async () => {
    const traders = [];
    for (const username of TRADERS.slice(0, 3)) traders.push(await connectTrader(bed, username));
    bed.simulator.controls.addFault({
      path: "/accounts/",
      times: 1,
      fault: { kind: "throttle", seconds: 900 },
    });

    const throttled = await tick(bed, TICK_AT, { settings: { ...settingsWithConcurrency(1) } });

    expect(throttled.sync).toMatchObject({ claimed: 1, synced: 0, failed: 1 });
    expect(throttled.sync.throttledUntil).toEqual(minutesAfter(TICK_AT, 15));
    const { rows } = await bed.owner.query("SELECT until FROM robinhood_throttle");
    expect(rows).toEqual([{ until: minutesAfter(TICK_AT, 15) }]);

    // Still throttled five minutes later: nobody is claimed, the others not even tried.
    const waiting = await tick(bed, minutesAfter(TICK_AT, 5));
    expect(waiting.sync).toMatchObject({ claimed: 0, throttledUntil: minutesAfter(TICK_AT, 15) });
    expect(requestsTo(bed, "/accounts/")).toBe(1);

    const resumed = await tick(bed, minutesAfter(TICK_AT, 15));
    expect(resumed.sync).toMatchObject({ claimed: 3, synced: 3, failed: 0 });
    // Robinhood, not the user, said no: the throttled user's failure count is not raised.
    for (const trader of traders) expect((await scheduleOf(bed.owner, trader.id))?.failures).toBe(0);
  });

  it("backs off exponentially after failures, keeping the reason, and recovers", async () => {
    const trader = await connectTrader(bed, ALPHA);
    bed.simulator.controls.addFault({
      path: "/accounts/",
      times: null,
      fault: { kind: "status", status: 400 },
    });

    await tick(bed, TICK_AT);
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({
      failures: 1,
      last_failure: "bad_request",
      next_sync_at: minutesAfter(TICK_AT, 15),
    });
    await tick(bed, minutesAfter(TICK_AT, 15));
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({
      failures: 2,
      next_sync_at: minutesAfter(TICK_AT, 15 + 30),
    });
    await tick(bed, minutesAfter(TICK_AT, 45));
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({
      failures: 3,
      next_sync_at: minutesAfter(TICK_AT, 45 + 60),
    });
    expect((await syncState(bed.owner, trader.id))?.last_error).toBe("Robinhood rejected the request.");

    bed.simulator.controls.clearFaults();
    const recovered = await tick(bed, minutesAfter(TICK_AT, 105));
    expect(recovered.sync.synced).toBe(1);
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({ failures: 0, last_failure: null });
    expect(await getReconnectNeededSince({ userId: trader.id, db: bed.db })).toBeNull();
  });
});

function settingsWithConcurrency(concurrency: number) {
  return { openMinutes: 15, closedMinutes: 60, backoffMaxMinutes: 360, concurrency };
}
