// Prisma's debug module (a dependency of the driver adapter) exposes the history it keeps.
import { getLogs } from "@prisma/debug";
import { describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { insertRows } from "@/lib/server/db/insert-rows";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-000000000021";
const databases = setUpTestDatabases({ emptyBeforeEach: true });

const DAY_COLUMNS = {
  userId: "uuid",
  tradeDate: "date",
  underlying: "text",
  realizedPnl: "numeric",
  fees: "numeric",
} as const;

describe("insertRows", () => {
  it("stores decimals exactly, dates as written, and skips conflicting rows when asked", async () => {
    const userId = userIdFromRobinhoodUserId(TRADER);
    const day = (tradeDate: string, realizedPnl: string) => ({
      userId,
      tradeDate: new Date(`${tradeDate}T00:00:00.000Z`),
      underlying: "ACME",
      realizedPnl,
      fees: "0.00000001",
    });
    const inserted = await withUserTransaction(
      { db: databases.db, robinhoodUserId: TRADER, purpose: "work" },
      async (tx) => {
        const first = await insertRows(
          tx,
          "daily_pnl",
          [day("2026-01-02", "-9999999999999999.99999999"), day("2026-12-31", "0.1")],
          DAY_COLUMNS,
        );
        // The same key again, and one new row: only the new one goes in.
        const second = await insertRows(
          tx,
          "daily_pnl",
          [day("2026-01-02", "5"), day("2026-06-30", "123.45678901")],
          DAY_COLUMNS,
          { onConflictDoNothing: true },
        );
        return [first, second];
      },
    );
    expect(inserted).toEqual([2, 1]);
    const { rows } = await databases.owner.query(
      "SELECT trade_date::text, realized_pnl::text, fees::text FROM daily_pnl ORDER BY trade_date",
    );
    expect(rows).toEqual([
      { trade_date: "2026-01-02", realized_pnl: "-9999999999999999.99999999", fees: "0.00000001" },
      // Numeric(24, 8) keeps eight places, as with every other write.
      { trade_date: "2026-06-30", realized_pnl: "123.45678901", fees: "0.00000001" },
      { trade_date: "2026-12-31", realized_pnl: "0.10000000", fees: "0.00000001" },
    ]);
  });

  it("stores nulls, and fails the statement on a conflict it was not told to skip", async () => {
    const userId = userIdFromRobinhoodUserId(TRADER);
    const row = { userId, tradeDate: "2026-01-02", underlying: "ACME", realizedPnl: "1", fees: null };
    await expect(
      withUserTransaction({ db: databases.db, robinhoodUserId: TRADER, purpose: "work" }, (tx) =>
        insertRows(tx, "daily_pnl", [row], DAY_COLUMNS),
      ),
    ).rejects.toThrow(/fees/);
    await withUserTransaction({ db: databases.db, robinhoodUserId: TRADER, purpose: "work" }, (tx) =>
      insertRows(tx, "daily_pnl", [{ ...row, fees: "0" }], DAY_COLUMNS),
    );
    await expect(
      withUserTransaction({ db: databases.db, robinhoodUserId: TRADER, purpose: "work" }, (tx) =>
        insertRows(tx, "daily_pnl", [{ ...row, fees: "0" }], DAY_COLUMNS),
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it("leaves no bulk parameters in Prisma's debug history, which would keep them alive", async () => {
    const userId = userIdFromRobinhoodUserId(TRADER);
    const marker = "BULK-PARAMETER-MARKER";
    await withUserTransaction({ db: databases.db, robinhoodUserId: TRADER, purpose: "work" }, (tx) =>
      insertRows(
        tx,
        "daily_pnl",
        [{ userId, tradeDate: "2026-01-02", underlying: marker, realizedPnl: "1", fees: "0" }],
        DAY_COLUMNS,
      ),
    );
    const { rows } = await databases.owner.query("SELECT underlying FROM daily_pnl");
    expect(rows).toEqual([{ underlying: marker }]);
    expect(getLogs(Number.MAX_SAFE_INTEGER)).not.toContain(marker);
  });
});
