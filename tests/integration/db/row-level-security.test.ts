import { beforeEach, describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { setUpTestDatabases, userOwnedTables } from "@/tests/support/test-database";

/**
 * Tables without row-level security, each with the reason. Every other table must have FORCE RLS and a
 * policy; a new table that is not listed here fails the catalog test until it gets both.
 */
const TABLES_WITHOUT_RLS: Record<string, string> = {
  _prisma_migrations: "migration bookkeeping, not visible to the app role",
  option_instruments: "public contract terms shared by all users",
  option_marks: "public market prices shared by all users",
  stock_marks: "public stock quotes shared by all users",
  demo_option_marks: "simulated market prices shared by all demo users",
  demo_stock_marks: "simulated stock quotes shared by all demo users",
  demo_accounts: "ids and expiry times only; the cron must see every demo user to delete expired ones",
  recompute_queue: "ids and timestamps only; the scheduler must see every pending user",
  sync_schedule: "ids, timestamps and failure codes only; the cron must see every scheduled user",
  robinhood_throttle: "one timestamp: when Robinhood lets every scheduled sync resume",
  cron_ticks: "counts of what each cron tick did, no user named",
  account_deletions: "tombstones keyed by broker id, read before any user context exists",
  sign_in_limits: "failed sign-in counters keyed by HMACs, used before anyone is signed in",
  pending_logins: "random ids of sign-ins in progress, used before anyone is signed in",
  used_sign_in_tickets: "ids of exchanged sign-in tickets, used before a session exists",
};

const ALICE = "aaaaaaaa-0000-4000-8000-000000000001";
const BOB = "bbbbbbbb-0000-4000-8000-000000000002";

const databases = setUpTestDatabases({ emptyBeforeEach: true });

beforeEach(async () => {
  for (const [robinhoodUserId, accountNumber] of [
    [ALICE, "ALICE001"],
    [BOB, "BOB00002"],
  ] as const) {
    await withUserTransaction({ db: databases.db, robinhoodUserId, purpose: "sign-in" }, async (tx, user) => {
      await tx.brokerAccount.create({ data: { userId: user.id, accountNumber } });
      await tx.dailyPnl.create({
        data: {
          userId: user.id,
          tradeDate: new Date("2026-11-20"),
          underlying: "AAPL",
          realizedPnl: "12.5",
          fees: "0.03",
        },
      });
    });
  }
});

describe("the catalog", () => {
  it("has FORCE ROW LEVEL SECURITY and a policy on every table that is not explicitly exempt", async () => {
    const { rows } = await databases.owner.query<{
      table: string;
      rls: boolean;
      forced: boolean;
      policies: number;
    }>(`
      SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
    expect(rows.length).toBeGreaterThan(10);
    const unprotected = rows
      .filter((row) => !(row.table in TABLES_WITHOUT_RLS))
      .filter((row) => !row.rls || !row.forced || row.policies === 0)
      .map((row) => row.table);
    expect(unprotected).toEqual([]);
  });

  it("exempts no table that holds user data except the scheduler's (recompute queue, demo expiry, sync schedule), and lists no stale exemptions", async () => {
    const withUserId = await userOwnedTables(databases.owner);
    const exemptWithUserId = withUserId.filter((table) => table in TABLES_WITHOUT_RLS);
    expect(exemptWithUserId).toEqual(["demo_accounts", "recompute_queue", "sync_schedule"]);
    const { rows } = await databases.owner.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    const existing = new Set(rows.map((row) => row.tablename));
    expect(Object.keys(TABLES_WITHOUT_RLS).filter((table) => !existing.has(table))).toEqual([]);
  });

  it("lets the app connect only as a role that is neither superuser nor BYPASSRLS", async () => {
    const [role] = await databases.db.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean }[]>`
      SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });
});

describe("row-level security", () => {
  it("shows a query that forgets its user filter only the current user's rows", async () => {
    const accounts = await withUserTransaction(
      { db: databases.db, robinhoodUserId: ALICE, purpose: "work" },
      (tx) => tx.brokerAccount.findMany(),
    );
    expect(accounts.map((account) => account.accountNumber)).toEqual(["ALICE001"]);
    const users = await withUserTransaction(
      { db: databases.db, robinhoodUserId: BOB, purpose: "work" },
      (tx) => tx.user.findMany(),
    );
    expect(users.map((user) => user.robinhoodUserId)).toEqual([BOB]);
  });

  it("refuses to write a row for another user", async () => {
    const bobId = userIdFromRobinhoodUserId(BOB);
    await expect(
      withUserTransaction({ db: databases.db, robinhoodUserId: ALICE, purpose: "work" }, (tx) =>
        tx.dailyPnl.create({
          data: {
            userId: bobId,
            tradeDate: new Date("2026-11-21"),
            underlying: "TSLA",
            realizedPnl: "1",
            fees: "0",
          },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    const { rows } = await databases.owner.query("SELECT 1 FROM daily_pnl WHERE underlying = 'TSLA'");
    expect(rows).toHaveLength(0);
  });

  it("refuses to move a row to another user", async () => {
    const bobId = userIdFromRobinhoodUserId(BOB);
    await expect(
      withUserTransaction({ db: databases.db, robinhoodUserId: ALICE, purpose: "work" }, (tx) =>
        tx.brokerAccount.updateMany({ data: { userId: bobId } }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("shows nothing and accepts no P&L rows outside the user-scoped helper", async () => {
    expect(await databases.db.brokerAccount.findMany()).toEqual([]);
    expect(await databases.db.user.count()).toBe(0);
    await expect(
      databases.db.dailyPnl.create({
        data: {
          userId: userIdFromRobinhoodUserId(ALICE),
          tradeDate: new Date("2026-11-22"),
          underlying: "SPY",
          realizedPnl: "5",
          fees: "0",
        },
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it("cannot see or delete another user's rows even by naming them", async () => {
    const bobId = userIdFromRobinhoodUserId(BOB);
    const deleted = await withUserTransaction(
      { db: databases.db, robinhoodUserId: ALICE, purpose: "work" },
      (tx) => tx.dailyPnl.deleteMany({ where: { userId: bobId } }),
    );
    expect(deleted.count).toBe(0);
    const { rows } = await databases.owner.query("SELECT 1 FROM daily_pnl WHERE user_id = $1", [bobId]);
    expect(rows).toHaveLength(1);
  });

  it("scopes page reads to the user and lets them write nothing", async () => {
    const accounts = await readAsUser({ db: databases.db, robinhoodUserId: BOB }, (tx) =>
      tx.brokerAccount.findMany(),
    );
    expect(accounts.map((account) => account.accountNumber)).toEqual(["BOB00002"]);
    await expect(
      readAsUser({ db: databases.db, robinhoodUserId: BOB }, (tx, user) =>
        tx.brokerAccount.create({ data: { userId: user.id, accountNumber: "BOB00003" } }),
      ),
    ).rejects.toThrow(/read-only/);
  });
});
