import { describe, expect, it } from "vitest";
import { newDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { runCronTick } from "@/lib/server/cron/run-cron-tick";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { setUpCountingDatabase } from "@/tests/integration/support/counting-database";
import { seedOptionsHistory } from "@/tests/support/seed-options-history";
import { truncateAll } from "@/tests/support/test-database";

const NOW = new Date("2026-11-26T15:00:00Z");
const now = () => NOW;

const bed = setUpCountingDatabase();

/** `count` real traders, recomputed already, and `count` demo users that expire tomorrow. */
async function seedIdle(count: number) {
  for (let index = 0; index < count; index++) {
    await seedOptionsHistory(
      bed.db,
      `eeeeeeee-0000-4000-8000-${String(index).padStart(12, "0")}`,
      `IDLE${index}`,
    );
    await withUserTransaction(
      { db: bed.db, robinhoodUserId: newDemoRobinhoodUserId(), purpose: "sign-in" },
      (tx, user) =>
        tx.demoAccount.create({
          data: {
            userId: user.id,
            robinhoodUserId: user.robinhoodUserId,
            expiresAt: new Date(NOW.getTime() + 86_400_000),
          },
        }),
    );
  }
  await runCronTick({ db: bed.db, budgetMs: 30_000, now });
}

async function queriesOfIdleTick(): Promise<number> {
  bed.resetQueries();
  const report = await runCronTick({ db: bed.db, budgetMs: 30_000, now });
  expect(report).toMatchObject({ recomputed: 0, failed: 0, demoAccountsDeleted: 0, demoAccountsBusy: 0 });
  return bed.queries;
}

describe("an idle cron tick", () => {
  it("costs the same few queries whether there are 2 users or 40", async () => {
    await seedIdle(1);
    const few = await queriesOfIdleTick();
    await truncateAll(bed.owner);
    await seedIdle(20);
    const many = await queriesOfIdleTick();

    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
    // One query for expired demo accounts, one deleting expired sign-in state, one reading the sync
    // schedule, one short transaction claiming from the recompute queue (3 statements measured here)
    // and one recording the tick.
    expect(many).toBeLessThanOrEqual(7);
  });
});
