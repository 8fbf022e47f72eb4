import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { dateColumn } from "@/lib/dates/trading-date";
import { isDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import { runCronTick } from "@/lib/server/cron/run-cron-tick";
import { AccountDeletedError, withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { DEMO_ACCOUNT_LIFETIME_MS, openDemoAccount } from "@/lib/server/demo/open-demo-account";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { getAccountSummary } from "@/lib/server/queries/get-account-summary";
import { getPositions } from "@/lib/server/queries/get-positions";
import { listChains } from "@/lib/server/queries/list-chains";
import { listImports } from "@/lib/server/queries/list-imports";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { SIM_NOW, setUpSyncTestbed } from "@/tests/integration/sync/sync-test-support";
import { userOwnedTables } from "@/tests/support/test-database";

const bed = setUpSyncTestbed();
const REAL_TRADER = "3f1c2a9e-5b7d-4e21-9a0c-7d4e8b6f1a23";
const csv = (name: string) => readFile(path.join(import.meta.dirname, "../../fixtures/csv", name), "utf8");

const openDemo = (minutesAfterSimNow = 0) =>
  openDemoAccount({
    db: bed.db,
    baseUrl: bed.simulator.url,
    now: new Date(SIM_NOW.getTime() + minutesAfterSimNow * 60_000),
  });

/** Rows a user owns in every user-owned table, looking past row-level security. */
async function rowsOwnedBy(userId: string): Promise<number> {
  let total = 0;
  for (const table of await userOwnedTables(bed.owner)) {
    const { rows } = await bed.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table}" WHERE user_id = $1`,
      [userId],
    );
    total += rows[0]?.n ?? 0;
  }
  const user = await bed.owner.query("SELECT 1 FROM users WHERE id = $1", [userId]);
  return total + (user.rowCount ?? 0);
}

/** A real (Robinhood) trader who sold one contract to open at 1.00, still open. */
async function seedRealTrader(instrumentId: string) {
  await withUserTransaction(
    { db: bed.db, robinhoodUserId: REAL_TRADER, purpose: "sign-in" },
    async (tx, user) => {
      const account = await tx.brokerAccount.create({ data: { userId: user.id, accountNumber: "REAL0001" } });
      const order = await tx.optionOrder.create({
        data: {
          userId: user.id,
          accountId: account.id,
          brokerOrderId: "real-order-1",
          source: "API",
          state: "filled",
          chainSymbol: "X",
          quantity: "1",
          processedQuantity: "1",
          brokerCreatedAt: new Date("2026-11-10T15:00:00Z"),
          brokerUpdatedAt: new Date("2026-11-10T15:00:00Z"),
        },
      });
      const leg = await tx.optionLeg.create({
        data: {
          userId: user.id,
          orderId: order.id,
          brokerLegId: "real-leg-1",
          instrumentId,
          side: "SELL",
          positionEffect: "OPEN",
        },
      });
      await tx.optionExecution.create({
        data: {
          userId: user.id,
          legId: leg.id,
          brokerExecutionId: "real-ex-1",
          price: "1.00",
          quantity: "1",
          fees: "0",
          executedAt: new Date("2026-11-10T15:00:00Z"),
          tradeDate: dateColumn("2026-11-10"),
        },
      });
      await markInputsChanged(tx, user, { full: true });
    },
  );
}

describe("opening the demo", () => {
  it("gives each visitor a demo user of their own that sees only its own imports and chains", async () => {
    const first = await openDemo();
    const second = await openDemo();

    expect(isDemoRobinhoodUserId(first.robinhoodUserId)).toBe(true);
    expect(first.robinhoodUserId).not.toBe(second.robinhoodUserId);
    const firstId = userIdFromRobinhoodUserId(first.robinhoodUserId);
    const secondId = userIdFromRobinhoodUserId(second.robinhoodUserId);
    const users = await bed.owner.query(
      `SELECT u.id, u.is_demo, d.expires_at FROM users u JOIN demo_accounts d ON d.user_id = u.id ORDER BY u.id`,
    );
    expect(users.rows.map((row) => row.id).sort()).toEqual([firstId, secondId].sort());
    expect(users.rows.every((row) => row.is_demo)).toBe(true);
    expect(first.expiresAt.getTime()).toBe(SIM_NOW.getTime() + DEMO_ACCOUNT_LIFETIME_MS);
    expect(await getAccountSummary({ db: bed.db, robinhoodUserId: first.robinhoodUserId })).toMatchObject({
      isDemo: true,
      demoExpiresAt: first.expiresAt,
    });

    // Both have the whole simulated history, each in rows of its own.
    const firstChains = await listChains({
      db: bed.db,
      robinhoodUserId: first.robinhoodUserId,
      pageSize: 1000,
    });
    const secondChains = await listChains({
      db: bed.db,
      robinhoodUserId: second.robinhoodUserId,
      pageSize: 1000,
    });
    expect(firstChains.total).toBeGreaterThan(5);
    expect(secondChains.total).toBe(firstChains.total);
    const secondIds = new Set(secondChains.chains.map((chain) => chain.id));
    expect(firstChains.chains.some((chain) => secondIds.has(chain.id))).toBe(false);

    // An import into one demo account is not seen by the other.
    const imported = await importCsvFile({
      db: bed.db,
      robinhoodUserId: first.robinhoodUserId,
      fileName: "mine.csv",
      text: await csv("activity-report.csv"),
    });
    expect(imported.status).toBe("imported");
    expect(
      (await listImports({ db: bed.db, robinhoodUserId: first.robinhoodUserId })).map((i) => i.fileName),
    ).toEqual(["mine.csv"]);
    expect(await listImports({ db: bed.db, robinhoodUserId: second.robinhoodUserId })).toEqual([]);
  });

  it("is refused, writing nothing, when DEMO_ENABLED is false", async () => {
    process.env.DEMO_ENABLED = "false";
    try {
      vi.resetModules();
      const fresh = await import("@/lib/server/demo/open-demo-account");
      const errors = await import("@/lib/server/demo/demo-errors");
      await expect(
        fresh.openDemoAccount({ db: bed.db, baseUrl: bed.simulator.url, now: SIM_NOW }),
      ).rejects.toBeInstanceOf(errors.DemoDisabledError);
    } finally {
      delete process.env.DEMO_ENABLED;
      vi.resetModules();
    }
    expect((await bed.owner.query("SELECT count(*)::int AS n FROM users")).rows[0].n).toBe(0);
    expect(bed.simulator.controls.countRequests({ path: "/oauth2/token/" })).toBe(0);
  });
});

describe("demo marks", () => {
  it("never reach a real user's marks or recompute result", async () => {
    const demo = await openDemo();
    const demoPositions = await getPositions({ db: bed.db, robinhoodUserId: demo.robinhoodUserId });
    const held = demoPositions.options[0];
    if (!held) throw new Error("the demo history has no open position");
    const { rows: heldRows } = await bed.owner.query<{ instrument_id: string }>(
      "SELECT instrument_id::text FROM open_positions WHERE id = $1",
      [held.id],
    );
    const instrumentId = heldRows[0]?.instrument_id as string;
    const { rows: demoMarks } = await bed.owner.query<{ mark_price: string }>(
      "SELECT trim_scale(mark_price)::text AS mark_price FROM demo_option_marks WHERE instrument_id = $1",
      [instrumentId],
    );
    expect(demoMarks).toHaveLength(1);
    expect(demoMarks[0]?.mark_price).not.toBe("0.42");

    // A real trader holds the same contract, with Robinhood's mark a day older than the demo's.
    await seedRealTrader(instrumentId);
    await bed.owner.query(
      "INSERT INTO option_marks (instrument_id, as_of, mark_price) VALUES ($1, $2, 0.42)",
      [instrumentId, new Date(SIM_NOW.getTime() - 86_400_000)],
    );
    await recomputeUserPnl({ db: bed.db, robinhoodUserId: REAL_TRADER, trigger: "test", now: SIM_NOW });
    const before = await getPositions({ db: bed.db, robinhoodUserId: REAL_TRADER });

    // Another visitor opens the demo: its sync writes the simulated marks again.
    await openDemo(5);
    await recomputeUserPnl({ db: bed.db, robinhoodUserId: REAL_TRADER, trigger: "test", now: SIM_NOW });
    const after = await getPositions({ db: bed.db, robinhoodUserId: REAL_TRADER });

    expect(after.options).toHaveLength(1);
    expect(after.options[0]?.mark).toBe("0.42");
    expect(after.options[0]?.unrealized).toBe("58");
    expect(after).toEqual(before);
    const { rows: realMarks } = await bed.owner.query("SELECT count(*)::int AS n FROM option_marks");
    expect(realMarks[0].n).toBe(1);
    // The demo reads its own simulated mark for the same contract.
    const demoAfter = await getPositions({ db: bed.db, robinhoodUserId: demo.robinhoodUserId });
    expect(demoAfter.options.find((row) => row.id === held.id)?.mark).toBe(held.mark);
  });
});

describe("the cron and demo accounts", () => {
  it("deletes expired demo users with every row they own, and neither live ones nor real users", async () => {
    const expired = await openDemo(0);
    const live = await openDemo(60);
    await seedRealTrader(
      (await bed.owner.query("SELECT id::text FROM option_instruments LIMIT 1")).rows[0].id,
    );
    const expiredId = userIdFromRobinhoodUserId(expired.robinhoodUserId);
    const liveId = userIdFromRobinhoodUserId(live.robinhoodUserId);
    const realId = userIdFromRobinhoodUserId(REAL_TRADER);
    const liveRows = await rowsOwnedBy(liveId);
    const realRows = await rowsOwnedBy(realId);
    expect(await rowsOwnedBy(expiredId)).toBeGreaterThan(1_000);

    const report = await runCronTick({
      db: bed.db,
      budgetMs: 30_000,
      now: () => new Date(expired.expiresAt.getTime() + 1_000),
    });

    expect(report).toMatchObject({ demoAccountsDeleted: 1, demoAccountsBusy: 0, failed: 0 });
    expect(await rowsOwnedBy(expiredId)).toBe(0);
    // The real trader was queued, so the same tick recomputed it: its rows grew, none went.
    expect(await rowsOwnedBy(liveId)).toBe(liveRows);
    expect(await rowsOwnedBy(realId)).toBeGreaterThanOrEqual(realRows);
    expect((await bed.owner.query("SELECT count(*)::int AS n FROM account_deletions")).rows[0].n).toBe(0);

    // Work for the deleted demo user, such as a recompute that was already on its way, finds it gone
    // and does not bring it back.
    await expect(
      recomputeUserPnl({
        db: bed.db,
        robinhoodUserId: expired.robinhoodUserId,
        trigger: "test",
        now: SIM_NOW,
      }),
    ).rejects.toBeInstanceOf(AccountDeletedError);
    expect(await rowsOwnedBy(expiredId)).toBe(0);
  });

  it("lets a visitor delete their own demo account; nothing brings it back and no tombstone is kept", async () => {
    const demo = await openDemo();
    const other = await openDemo();
    await deleteAccount({ db: bed.db, robinhoodUserId: demo.robinhoodUserId });
    await expect(
      recomputeUserPnl({ db: bed.db, robinhoodUserId: demo.robinhoodUserId, trigger: "test", now: SIM_NOW }),
    ).rejects.toBeInstanceOf(AccountDeletedError);
    expect(await rowsOwnedBy(userIdFromRobinhoodUserId(demo.robinhoodUserId))).toBe(0);
    expect(await rowsOwnedBy(userIdFromRobinhoodUserId(other.robinhoodUserId))).toBeGreaterThan(1_000);
    expect((await bed.owner.query("SELECT count(*)::int AS n FROM account_deletions")).rows[0].n).toBe(0);
  });

  it("deletes the demo user every visitor used to share, leaving a tombstone against its return", async () => {
    const legacy = "8fdeb6d8-0a7a-457a-b869-e9f3dc92e44a";
    await withUserTransaction(
      { db: bed.db, robinhoodUserId: legacy, purpose: "sign-in", profile: { isDemo: true } },
      async (tx, user) => {
        await tx.demoAccount.create({
          data: { userId: user.id, robinhoodUserId: legacy, expiresAt: new Date("2026-12-01T00:00:00Z") },
        });
      },
    );
    const report = await runCronTick({
      db: bed.db,
      budgetMs: 30_000,
      now: () => new Date("2026-12-03T00:00:00Z"),
    });
    expect(report.demoAccountsDeleted).toBe(1);
    await expect(
      recomputeUserPnl({ db: bed.db, robinhoodUserId: legacy, trigger: "test", now: SIM_NOW }),
    ).rejects.toBeInstanceOf(AccountDeletedError);
    expect(await rowsOwnedBy(userIdFromRobinhoodUserId(legacy))).toBe(0);
  });
});
