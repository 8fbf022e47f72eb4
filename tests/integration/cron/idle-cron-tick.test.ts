import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { newDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { runCronTick } from "@/lib/server/cron/run-cron-tick";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { seedOptionsHistory } from "@/tests/support/seed-options-history";
import { connectOwner, testDatabaseUrls, truncateAll } from "@/tests/support/test-database";

const NOW = new Date("2026-11-26T15:00:00Z");
const now = () => NOW;

let owner: Awaited<ReturnType<typeof connectOwner>>;
let db: Database;
let queries = 0;

beforeAll(async () => {
  owner = await connectOwner();
  // The app's client, plus an event for every SQL statement it sends.
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: testDatabaseUrls().appUrl, max: 4 }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", () => {
    queries++;
  });
  db = client as unknown as Database;
});
afterAll(async () => {
  await db.$disconnect();
  await owner.end();
});
beforeEach(() => truncateAll(owner));

/** `count` real traders, recomputed already, and `count` demo users that expire tomorrow. */
async function seedIdle(count: number) {
  for (let index = 0; index < count; index++) {
    await seedOptionsHistory(
      db,
      `eeeeeeee-0000-4000-8000-${String(index).padStart(12, "0")}`,
      `IDLE${index}`,
    );
    await withUserTransaction(
      { db, robinhoodUserId: newDemoRobinhoodUserId(), purpose: "sign-in" },
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
  await runCronTick({ db, budgetMs: 30_000, now });
}

async function queriesOfIdleTick(): Promise<number> {
  queries = 0;
  const report = await runCronTick({ db, budgetMs: 30_000, now });
  expect(report).toMatchObject({ recomputed: 0, failed: 0, demoAccountsDeleted: 0, demoAccountsBusy: 0 });
  return queries;
}

describe("an idle cron tick", () => {
  it("costs the same few queries whether there are 2 users or 40", async () => {
    await seedIdle(1);
    const few = await queriesOfIdleTick();
    await truncateAll(owner);
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
