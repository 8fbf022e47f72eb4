import { describe, expect, it } from "vitest";
import { newDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import { AccountDeletedError, withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { countRowsByUser, setUpTestDatabases, userTablesWithRows } from "@/tests/support/test-database";

const CAROL = "cccccccc-0000-4000-8000-000000000003";
const carolId = userIdFromRobinhoodUserId(CAROL);

const databases = setUpTestDatabases({ emptyBeforeEach: true });

async function writeDerivedRows(robinhoodUserId: string, purpose: "sign-in" | "work" = "work") {
  return withUserTransaction({ db: databases.db, robinhoodUserId, purpose }, async (tx, user) => {
    const chain = await tx.rollChain.create({
      data: {
        id: "0b6c7f3e-2d1a-5c4b-9e8f-7a6b5c4d3e2f",
        userId: user.id,
        chainKey: "chain-1",
        underlying: "AAPL",
        optionType: "CALL",
        side: "SHORT",
        status: "OPEN",
        rollCount: 1,
        openedAt: new Date("2026-10-01T14:00:00Z"),
        daysHeld: 56,
        netPremium: "184.96",
        realizedPnl: "-12.04",
      },
    });
    await tx.rollLink.create({
      data: {
        userId: user.id,
        chainId: chain.id,
        sequence: 1,
        rolledOn: new Date("2026-10-20"),
        fromInstrumentId: "11111111-1111-4111-8111-111111111111",
        toInstrumentId: "22222222-2222-4222-8222-222222222222",
        closedQuantity: "1",
        openedQuantity: "1",
        kinds: ["OUT"],
        netCredit: "85.00",
      },
    });
    await tx.dailyPnl.create({
      data: {
        userId: user.id,
        tradeDate: new Date("2026-10-20"),
        underlying: "AAPL",
        realizedPnl: "-12.04",
        fees: "0.04",
      },
    });
  });
}

describe("withUserTransaction", () => {
  it("upserts the user first, so P&L rows written for a brand-new user have their user", async () => {
    await writeDerivedRows(CAROL);
    const { rows } = await databases.owner.query("SELECT robinhood_user_id FROM users WHERE id = $1", [
      carolId,
    ]);
    expect(rows).toEqual([{ robinhood_user_id: CAROL }]);
    const counts = await countRowsByUser(databases.owner);
    expect(counts.get("roll_chains")).toBe(1);
    expect(counts.get("roll_links")).toBe(1);
    expect(counts.get("daily_pnl")).toBe(1);
  });

  it("derives the same user from any spelling of the Robinhood id", async () => {
    await withUserTransaction(
      { db: databases.db, robinhoodUserId: CAROL.toUpperCase(), purpose: "sign-in" },
      async () => {},
    );
    await withUserTransaction(
      { db: databases.db, robinhoodUserId: ` ${CAROL} `, purpose: "work" },
      async () => {},
    );
    const { rows } = await databases.owner.query("SELECT id FROM users");
    expect(rows).toEqual([{ id: carolId }]);
  });

  it("rolls back everything, the user upsert included, when the work fails", async () => {
    await expect(
      withUserTransaction({ db: databases.db, robinhoodUserId: CAROL, purpose: "work" }, async (tx, user) => {
        await tx.dailyPnl.create({
          data: {
            userId: user.id,
            tradeDate: new Date("2026-10-20"),
            underlying: "X",
            realizedPnl: "1",
            fees: "0",
          },
        });
        throw new Error("engine failed");
      }),
    ).rejects.toThrow("engine failed");
    const { rows } = await databases.owner.query("SELECT count(*)::int AS n FROM users");
    expect(rows[0].n).toBe(0);
  });
});

describe("withUserTransaction for a demo identity", () => {
  it("creates a demo user only when the demo is opened (sign-in), never from work", async () => {
    const demo = newDemoRobinhoodUserId();
    await expect(writeDerivedRows(demo, "work")).rejects.toBeInstanceOf(AccountDeletedError);
    expect((await databases.owner.query("SELECT count(*)::int AS n FROM users")).rows[0].n).toBe(0);

    await withUserTransaction(
      { db: databases.db, robinhoodUserId: demo, purpose: "sign-in" },
      async () => {},
    );
    await writeDerivedRows(demo, "work");
    const { rows } = await databases.owner.query("SELECT is_demo FROM users WHERE id = $1", [
      userIdFromRobinhoodUserId(demo),
    ]);
    expect(rows).toEqual([{ is_demo: true }]);
  });
});

describe("deleteAccount", () => {
  it("removes the user and every row they own", async () => {
    await writeDerivedRows(CAROL, "sign-in");
    expect(await deleteAccount({ db: databases.db, robinhoodUserId: CAROL })).toEqual({ deleted: true });
    expect(await userTablesWithRows(databases.owner)).toEqual([]);
    const { rows } = await databases.owner.query("SELECT count(*)::int AS n FROM users");
    expect(rows[0].n).toBe(0);
  });

  it("is not undone by later work such as a recompute", async () => {
    await writeDerivedRows(CAROL, "sign-in");
    await deleteAccount({ db: databases.db, robinhoodUserId: CAROL });
    await expect(writeDerivedRows(CAROL, "work")).rejects.toBeInstanceOf(AccountDeletedError);
    const { rows } = await databases.owner.query("SELECT count(*)::int AS n FROM users");
    expect(rows[0].n).toBe(0);
  });

  it("waits for work already running on the user, then deletes what that work wrote", async () => {
    await writeDerivedRows(CAROL, "sign-in");
    let releaseWork: () => void = () => {};
    let workStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      workStarted = resolve;
    });
    const running = withUserTransaction(
      { db: databases.db, robinhoodUserId: CAROL, purpose: "work" },
      async (tx, user) => {
        workStarted();
        await new Promise<void>((resolve) => {
          releaseWork = resolve;
        });
        await tx.dailyPnl.create({
          data: {
            userId: user.id,
            tradeDate: new Date("2026-11-02"),
            underlying: "LATE",
            realizedPnl: "1",
            fees: "0",
          },
        });
      },
    );
    await started;
    const deletion = deleteAccount({ db: databases.db, robinhoodUserId: CAROL });
    // Work queued behind the deletion must fail rather than recreate the account.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const queuedBehind = writeDerivedRows(CAROL, "work");
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseWork();
    await running;
    await deletion;
    await expect(queuedBehind).rejects.toBeInstanceOf(AccountDeletedError);
    expect(await userTablesWithRows(databases.owner)).toEqual([]);
  });

  it("lets the person sign in again and start afresh", async () => {
    await writeDerivedRows(CAROL, "sign-in");
    await deleteAccount({ db: databases.db, robinhoodUserId: CAROL });
    await withUserTransaction(
      { db: databases.db, robinhoodUserId: CAROL, purpose: "sign-in" },
      async () => {},
    );
    const { rows } = await databases.owner.query("SELECT id FROM users");
    expect(rows).toEqual([{ id: carolId }]);
    const tombstones = await databases.owner.query("SELECT 1 FROM account_deletions");
    expect(tombstones.rows).toHaveLength(0);
  });
});
