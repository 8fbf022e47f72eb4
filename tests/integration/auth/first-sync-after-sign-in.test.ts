import { describe, expect, it } from "vitest";
import { syncAndRecompute } from "@/lib/server/sync/sync-and-recompute";
import {
  ALPHA,
  connectTrader,
  scheduleOf,
  setUpScheduleTestbed,
  TICK_AT,
} from "@/tests/integration/scheduled-sync/scheduled-sync-support";
import { rawCounts, syncState } from "@/tests/integration/sync/sync-test-support";

const bed = setUpScheduleTestbed();

describe("the sync a Robinhood sign-in starts", () => {
  it("syncs and recomputes the new user at once, recorded as a sign-in run, and leaves the schedule due", async () => {
    const trader = await connectTrader(bed, ALPHA);

    // What the sign-in step hands to after(): the same command as Sync now, with its own trigger.
    const result = await syncAndRecompute({
      robinhoodUserId: trader.robinhoodUserId,
      db: bed.db,
      trigger: "sign-in",
      baseUrl: bed.simulator.url,
    });

    expect(result.orders).toBeGreaterThan(0);
    expect(result.chains).toBeGreaterThan(0);
    expect((await rawCounts(bed.owner, trader.id)).option_orders).toBe(result.orders);
    expect((await syncState(bed.owner, trader.id))?.status).toBe("SUCCEEDED");
    const { rows: runs } = await bed.owner.query(
      "SELECT trigger, outcome FROM sync_runs WHERE user_id = $1",
      [trader.id],
    );
    expect(runs).toEqual([{ trigger: "sign-in", outcome: "SUCCEEDED" }]);
    // The schedule is the cron's: still due from the sign-in, so a failed first sync is retried there.
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({ next_sync_at: TICK_AT, failures: 0 });
  });
});
