import { describe, expect, it } from "vitest";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import { rawCounts, syncState } from "@/tests/integration/sync/sync-test-support";
import { truncateAll, userTablesWithRows } from "@/tests/support/test-database";
import {
  ALPHA,
  connectTrader,
  LONG_HISTORY,
  minutesAfter,
  scheduleOf,
  setUpScheduleTestbed,
  TICK_AT,
  tick,
} from "./scheduled-sync-support";

const bed = setUpScheduleTestbed();

/** The requests one clean scheduled sync of LONG_HISTORY sends, in order (after the sign-in). */
async function requestsOfCleanSync(): Promise<string[]> {
  await connectTrader(bed, LONG_HISTORY);
  bed.simulator.controls.clearRequests();
  const report = await tick(bed, TICK_AT);
  expect(report.sync.synced).toBe(1);
  return bed.simulator.controls.requests().map((request) => `${request.method} ${request.path}`);
}

describe("faults in a scheduled sync", () => {
  it("leaves nothing partial and backs off, whichever request of the sync fails", async () => {
    const requests = await requestsOfCleanSync();
    // Several pages of orders, then events, contracts, chains and marks in batches.
    expect(requests.filter((request) => request === "GET /options/orders/").length).toBeGreaterThan(1);

    for (const [index, request] of requests.entries()) {
      await truncateAll(bed.owner);
      bed.simulator.controls.reset();
      const trader = await connectTrader(bed, LONG_HISTORY);
      // Requests before `index` pass; that one and every later one fail (after the client's retries).
      bed.simulator.controls.addFault({
        path: "/*",
        skip: index,
        times: null,
        fault: { kind: "status", status: 503 },
      });

      const report = await tick(bed, TICK_AT);

      expect(report.sync, request).toMatchObject({ claimed: 1, synced: 0, failed: 1 });
      const counts = await rawCounts(bed.owner, trader.id);
      expect(
        Object.values(counts).every((n) => n === 0),
        `${request}: ${JSON.stringify(counts)}`,
      ).toBe(true);
      expect((await syncState(bed.owner, trader.id))?.status, request).toBe("FAILED");
      expect(await scheduleOf(bed.owner, trader.id), request).toMatchObject({
        failures: 1,
        last_failure: "server_error",
        next_sync_at: minutesAfter(TICK_AT, 15),
        last_synced_at: null,
      });
      const { rows } = await bed.owner.query("SELECT 1 FROM recompute_queue WHERE user_id = $1", [trader.id]);
      expect(rows, request).toHaveLength(0);
    }
  });

  it("lets an account deleted during its scheduled sync stay deleted, leaving no row behind", async () => {
    const trader = await connectTrader(bed, ALPHA);
    // Hold the sync in its fetch phase long enough to delete the account under it.
    bed.simulator.controls.addFault({
      path: "/options/events/",
      times: 1,
      fault: { kind: "delay", ms: 1_500 },
    });

    const running = tick(bed, TICK_AT);
    while (bed.simulator.controls.countRequests({ path: "/options/events/" }) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await deleteAccount({ robinhoodUserId: trader.robinhoodUserId, db: bed.db })).toEqual({
      deleted: true,
    });
    const report = await running;

    expect(report.sync).toMatchObject({ claimed: 1, synced: 0, failed: 1 });
    expect(await userTablesWithRows(bed.owner)).toEqual([]);
    const { rows: users } = await bed.owner.query("SELECT count(*)::int AS n FROM users");
    expect(users[0].n).toBe(0);
    const { rows: instruments } = await bed.owner.query("SELECT count(*)::int AS n FROM option_instruments");
    expect(instruments[0].n).toBe(0);

    // Later ticks find nobody to sync, and bring nobody back.
    const later = await tick(bed, minutesAfter(TICK_AT, 120));
    expect(later.sync).toMatchObject({ usersDue: 0, claimed: 0 });
    const { rows: after } = await bed.owner.query("SELECT count(*)::int AS n FROM users");
    expect(after[0].n).toBe(0);
  });
});
