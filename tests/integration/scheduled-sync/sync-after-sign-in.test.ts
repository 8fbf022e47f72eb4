import { describe, expect, it } from "vitest";
import { claimDueUser } from "@/lib/server/scheduled-sync/claim-due-user";
import { syncAfterSignIn } from "@/lib/server/scheduled-sync/sync-after-sign-in";
import { fastRuntime, rawCounts, syncState } from "@/tests/integration/sync/sync-test-support";
import {
  ALPHA,
  connectTrader,
  minutesAfter,
  type ScheduleTestbed,
  SETTINGS,
  scheduleOf,
  setUpScheduleTestbed,
  TICK_AT,
  tick,
} from "./scheduled-sync-support";

const bed = setUpScheduleTestbed();

function syncNow(testbed: ScheduleTestbed, trader: { id: string; robinhoodUserId: string }) {
  return syncAfterSignIn({
    userId: trader.id,
    robinhoodUserId: trader.robinhoodUserId,
    db: testbed.db,
    now: () => TICK_AT,
    settings: SETTINGS,
    client: { runtime: fastRuntime().runtime },
    baseUrl: testbed.simulator.url,
  });
}

async function runsOf(userId: string): Promise<{ trigger: string }[]> {
  const { rows } = await bed.owner.query("SELECT trigger FROM sync_runs WHERE user_id = $1", [userId]);
  return rows;
}

describe("the sync a Robinhood sign-in starts", () => {
  it("syncs and recomputes at once, is recorded as a sign-in run, and the next tick leaves the user alone", async () => {
    const trader = await connectTrader(bed, ALPHA);

    expect(await syncNow(bed, trader)).toBe("synced");

    expect((await rawCounts(bed.owner, trader.id)).option_orders).toBeGreaterThan(0);
    expect((await syncState(bed.owner, trader.id))?.status).toBe("SUCCEEDED");
    const { rows: chains } = await bed.owner.query(
      "SELECT count(*)::int AS n FROM roll_chains WHERE user_id = $1",
      [trader.id],
    );
    expect(chains[0].n).toBeGreaterThan(0);
    expect(await runsOf(trader.id)).toEqual([{ trigger: "sign-in" }]);
    // Synced as a scheduled sync would be: due again an hour later (options are closed at 17:00).
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({
      next_sync_at: minutesAfter(TICK_AT, 60),
      last_synced_at: TICK_AT,
      failures: 0,
    });
    const next = await tick(bed, TICK_AT);
    expect(next.sync).toMatchObject({ usersDue: 0, claimed: 0 });
  });

  it("leaves a user that a cron tick claimed first to that tick", async () => {
    const trader = await connectTrader(bed, ALPHA);
    expect(await claimDueUser(bed.db, TICK_AT)).toMatchObject({ userId: trader.id });

    expect(await syncNow(bed, trader)).toBe("claimed-elsewhere");

    expect(await runsOf(trader.id)).toEqual([]);
    expect((await rawCounts(bed.owner, trader.id)).option_orders).toBe(0);
  });
});
