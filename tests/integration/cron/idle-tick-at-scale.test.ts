import { describe, expect, it } from "vitest";
import { runCronTick } from "@/lib/server/cron/run-cron-tick";
import { setUpCountingDatabase } from "@/tests/integration/support/counting-database";
import { truncateAll } from "@/tests/support/test-database";

const NOW = new Date("2026-11-26T15:00:00Z");
const now = () => NOW;

const bed = setUpCountingDatabase();

/**
 * `count` Robinhood users on the sync schedule, synced a minute ago and due in fourteen minutes, and
 * as many demo users that expire tomorrow: a deployment between two ticks. Written in bulk by the
 * schema owner (users forces row-level security on it too, lifted inside this transaction only).
 */
async function seedScheduled(count: number) {
  await bed.owner.query("BEGIN");
  await bed.owner.query("ALTER TABLE users NO FORCE ROW LEVEL SECURITY");
  await bed.owner.query(
    `INSERT INTO users (id, robinhood_user_id, is_demo, updated_at)
     SELECT gen_random_uuid(), 'rh-' || i, i % 2 = 1, now() FROM generate_series(1, $1::int * 2) AS i`,
    [count],
  );
  await bed.owner.query(
    `INSERT INTO sync_schedule (user_id, robinhood_user_id, next_sync_at, last_synced_at)
     SELECT id, robinhood_user_id, $1::timestamptz + interval '14 minutes', $1::timestamptz - interval '1 minute'
     FROM users WHERE NOT is_demo`,
    [NOW],
  );
  await bed.owner.query(
    `INSERT INTO demo_accounts (user_id, robinhood_user_id, expires_at)
     SELECT id, robinhood_user_id, $1::timestamptz + interval '1 day' FROM users WHERE is_demo`,
    [NOW],
  );
  await bed.owner.query("ALTER TABLE users FORCE ROW LEVEL SECURITY");
  await bed.owner.query("COMMIT");
}

async function queriesOfIdleTick(): Promise<number> {
  bed.resetQueries();
  const report = await runCronTick({ db: bed.db, budgetMs: 30_000, now });
  expect(report).toMatchObject({ recomputed: 0, failed: 0, demoAccountsDeleted: 0 });
  expect(report.sync).toMatchObject({ usersDue: 0, claimed: 0, synced: 0 });
  return bed.queries;
}

describe("an idle cron tick with users on the sync schedule", () => {
  it("makes the same number of queries for 10 scheduled users as for 1,000", async () => {
    await seedScheduled(10);
    const ten = await queriesOfIdleTick();
    await truncateAll(bed.owner);
    await seedScheduled(1_000);
    const thousand = await queriesOfIdleTick();

    expect(thousand).toBe(ten);
    // Demo expiry 1, sign-in state 1, the schedule's backlog 1 (nobody due: no claim is tried),
    // the recompute queue's transaction 3, the tick's record 1.
    expect(thousand).toBeLessThanOrEqual(7);
    // The tick was recorded (the first one's record went with the truncate).
    const { rows } = await bed.owner.query("SELECT users_due, claimed, synced FROM cron_ticks");
    expect(rows).toEqual([{ users_due: 0, claimed: 0, synced: 0 }]);
  });
});
