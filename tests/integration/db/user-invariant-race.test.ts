import { beforeAll, describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import { AccountDeletedError, withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { mulberry32 } from "@/simulator/market/prng";
import { setUpTestDatabases, truncateAll, userOwnedTables } from "@/tests/support/test-database";

const WORKERS = 10;
const OPERATIONS_PER_WORKER = 120;
const USERS = Array.from(
  { length: 6 },
  (_, index) => `dddddddd-0000-4000-8000-${String(index).padStart(12, "0")}`,
);

/** A small deterministic PRNG, so a failing interleaving can be replayed from its seed. */
type Outcome = "ok" | "account-deleted" | "foreign-key" | "other";

// One pool per worker's worth of connections: every worker really runs concurrently.
const databases = setUpTestDatabases({ maxConnections: WORKERS });
beforeAll(() => truncateAll(databases.owner));

async function runOperation(random: () => number, sequence: number): Promise<Outcome> {
  const robinhoodUserId = USERS[Math.floor(random() * USERS.length)] as string;
  const roll = random();
  try {
    if (roll < 0.2) {
      await withUserTransaction({ db: databases.db, robinhoodUserId, purpose: "sign-in" }, async () => {});
    } else if (roll < 0.3) {
      await deleteAccount({ db: databases.db, robinhoodUserId });
    } else {
      // A recompute-like write of derived P&L rows, with a pause inside so others interleave.
      await withUserTransaction({ db: databases.db, robinhoodUserId, purpose: "work" }, async (tx, user) => {
        await tx.recomputeRun.create({
          data: {
            userId: user.id,
            engineVersion: "race",
            inputRevision: sequence,
            status: "SUCCEEDED",
            trigger: "race-test",
            startedAt: new Date(),
          },
        });
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 3)));
        await tx.dailyPnl.upsert({
          where: {
            userId_tradeDate_underlying: {
              userId: user.id,
              tradeDate: new Date("2026-11-20"),
              underlying: "SPY",
            },
          },
          create: {
            userId: user.id,
            tradeDate: new Date("2026-11-20"),
            underlying: "SPY",
            realizedPnl: "1",
            fees: "0",
          },
          update: { realizedPnl: { increment: "1" } },
        });
      });
    }
    return "ok";
  } catch (error) {
    if (error instanceof AccountDeletedError) return "account-deleted";
    if (/foreign key|23503/i.test(String(error))) return "foreign-key";
    console.error(error);
    return "other";
  }
}

describe("the user invariant under concurrency", () => {
  it(`holds across ${WORKERS * OPERATIONS_PER_WORKER} interleaved sign-ins, P&L writes and deletions`, async () => {
    const outcomes: Outcome[] = [];
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, worker) => {
        const random = mulberry32(20261126 + worker);
        for (let index = 0; index < OPERATIONS_PER_WORKER; index++) {
          outcomes.push(await runOperation(random, worker * OPERATIONS_PER_WORKER + index));
        }
      }),
    );

    const tally = (kind: Outcome) => outcomes.filter((outcome) => outcome === kind).length;
    expect(outcomes).toHaveLength(WORKERS * OPERATIONS_PER_WORKER);
    expect(tally("foreign-key")).toBe(0);
    expect(tally("other")).toBe(0);
    // The storm must really have exercised both paths.
    expect(tally("ok")).toBeGreaterThan(500);
    expect(tally("account-deleted")).toBeGreaterThan(0);

    for (const table of await userOwnedTables(databases.owner)) {
      const { rows } = await databases.owner.query(
        `SELECT count(*)::int AS n FROM "${table}" t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id)`,
      );
      expect({ table, orphans: rows[0].n }).toEqual({ table, orphans: 0 });
    }

    // A deleted account stays deleted until its owner signs in again: never a tombstone and a user.
    const { rows: resurrected } = await databases.owner.query(
      "SELECT u.robinhood_user_id FROM users u JOIN account_deletions d USING (robinhood_user_id)",
    );
    expect(resurrected).toEqual([]);
    const { rows: idsMatch } = await databases.owner.query("SELECT id, robinhood_user_id FROM users");
    for (const row of idsMatch) expect(row.id).toBe(userIdFromRobinhoodUserId(row.robinhood_user_id));
  });
});
