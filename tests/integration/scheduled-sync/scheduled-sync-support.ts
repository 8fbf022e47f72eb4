import type pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createRobinhoodClient } from "@/lib/robinhood/client";
import { completeRobinhoodSignIn } from "@/lib/server/auth/complete-robinhood-sign-in";
import { type RunCronTickOptions, runCronTick } from "@/lib/server/cron/run-cron-tick";
import type { ScheduleSettings } from "@/lib/server/scheduled-sync/schedule-settings";
import { type RunningSimulator, startSimulator, TEST_PASSWORD } from "@/simulator";
import { DEVICE_TOKEN, fastRuntime, SEED, SIM_NOW } from "@/tests/integration/sync/sync-test-support";
import { setUpTestDatabases, type TestDatabases, truncateAll } from "@/tests/support/test-database";

/** Four direct-login traders with two months of history each. */
export const ALPHA = "alpha@rollbook.dev";
export const TRADERS = [ALPHA, "bravo@rollbook.dev", "charlie@rollbook.dev", "delta@rollbook.dev"];

/** A trader with six months of history: several pages of orders. */
export const LONG_HISTORY = "echo@rollbook.dev";

/** 17:00 New York on a Wednesday: options do not trade, so a synced user is due an hour later. */
export const TICK_AT = SIM_NOW;
export const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

export const SETTINGS: ScheduleSettings = {
  openMinutes: 15,
  closedMinutes: 60,
  backoffMaxMinutes: 360,
  concurrency: 2,
};

export interface ScheduleTestbed extends TestDatabases {
  simulator: RunningSimulator;
}

/** Connections and a simulator for the file; an empty database and a reset simulator per test. */
export function setUpScheduleTestbed(): ScheduleTestbed {
  const bed = setUpTestDatabases() as ScheduleTestbed;
  beforeAll(async () => {
    bed.simulator = await startSimulator({
      port: 0,
      seed: SEED,
      now: SIM_NOW.toISOString(),
      users: [
        ...TRADERS.map((username) => ({
          username,
          password: TEST_PASSWORD,
          flow: { kind: "direct" as const },
          months: 2,
        })),
        { username: LONG_HISTORY, password: TEST_PASSWORD, flow: { kind: "direct" as const }, months: 6 },
      ],
    });
  });
  afterAll(async () => {
    await bed.simulator.close();
  });
  beforeEach(async () => {
    await truncateAll(bed.owner);
    bed.simulator.controls.reset();
  });
  return bed;
}

/** Signs a trader in the way the sign-in page does: user, encrypted tokens and the schedule. */
export async function connectTrader(bed: ScheduleTestbed, username: string, now: Date = TICK_AT) {
  const client = createRobinhoodClient({ baseUrl: bed.simulator.url, runtime: fastRuntime().runtime });
  const outcome = await client.login({ username, password: TEST_PASSWORD, deviceToken: DEVICE_TOKEN });
  if (outcome.kind !== "authenticated") throw new Error(`sign-in needs ${outcome.kind}`);
  const { user } = await completeRobinhoodSignIn({
    client,
    tokens: outcome.tokens,
    deviceToken: DEVICE_TOKEN,
    db: bed.db,
    now,
  });
  return { ...user, tokens: outcome.tokens, client };
}

/** One cron tick at `at` against the simulator, with a client that never really sleeps. */
export function tick(bed: ScheduleTestbed, at: Date, options: Partial<RunCronTickOptions> = {}) {
  return runCronTick({
    db: bed.db,
    budgetMs: 120_000,
    now: () => at,
    settings: SETTINGS,
    client: { runtime: fastRuntime().runtime },
    baseUrl: bed.simulator.url,
    ...options,
  });
}

export type ScheduleRow = {
  next_sync_at: Date;
  last_synced_at: Date | null;
  failures: number;
  last_failure: string | null;
  reconnect_needed_since: Date | null;
};

export async function scheduleOf(owner: pg.Client, userId: string): Promise<ScheduleRow | undefined> {
  const { rows } = await owner.query<ScheduleRow>(
    `SELECT next_sync_at, last_synced_at, failures, last_failure, reconnect_needed_since
     FROM sync_schedule WHERE user_id = $1`,
    [userId],
  );
  return rows[0];
}

/** Requests the simulator received for a path (all methods). */
export const requestsTo = (bed: ScheduleTestbed, path: string) =>
  bed.simulator.controls.countRequests({ path });
