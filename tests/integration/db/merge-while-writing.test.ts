import { describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { mergeUserRows } from "@/lib/server/db/merge-user-rows";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-000000000031";
const userId = userIdFromRobinhoodUserId(TRADER);
const databases = setUpTestDatabases({ emptyBeforeEach: true });

// Days of realized P&L: the smallest derived table, keyed by day and underlying.
const days = (...pnl: string[]) => ({
  table: "daily_pnl",
  // The key leads, as a whole merge compares stored rows by lines that start with it.
  columns: ["trade_date", "underlying", "user_id", "realized_pnl", "fees"],
  key: ["trade_date", "underlying"],
  rows: pnl.map((realized, index) => [`2026-03-0${index + 2}`, "ACME", userId, realized, "0.04"]),
});

const merge = (pnl: string[], whileWriting: () => void) =>
  withUserTransaction({ db: databases.db, robinhoodUserId: TRADER, purpose: "work" }, (tx) =>
    mergeUserRows(tx, { userId, tables: [days(...pnl)], whileWriting }),
  );

describe("mergeUserRows' work while the server writes", () => {
  it("runs once the merge is sent, and not at all when nothing changed", async () => {
    const calls: number[] = [];
    const first = await merge(["12.5", "-3"], () => calls.push(1));
    expect(first.inserted).toBe(2);
    expect(calls).toHaveLength(1);

    // The same rows again: nothing differs, so no merge is sent and nothing runs.
    const again = await merge(["12.5", "-3"], () => calls.push(2));
    expect(again).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(calls).toEqual([1]);
  });

  it("fails the merge with the work's error, and writes nothing", async () => {
    await expect(
      merge(["7"], () => {
        throw new Error("digest failed");
      }),
    ).rejects.toThrow("digest failed");
    const { rows } = await databases.owner.query("SELECT count(*)::int AS n FROM daily_pnl");
    expect(rows).toEqual([{ n: 0 }]);
  });
});
