import { describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { mergeUserRows } from "@/lib/server/db/merge-user-rows";
import type { SideWork } from "@/lib/server/db/side-work";
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

const merge = (pnl: string[], sideWork: SideWork) =>
  withUserTransaction({ db: databases.db, robinhoodUserId: TRADER, purpose: "work" }, (tx) =>
    mergeUserRows(tx, { userId, tables: [days(...pnl)], sideWork }),
  );

/** Three steps that record themselves; `failAt` throws instead at that step. */
function* steps(log: number[], failAt = -1): Generator<void> {
  for (let step = 0; step < 3; step++) {
    if (step === failAt) throw new Error("digest failed");
    log.push(step);
    yield;
  }
}

const storedPnl = async () =>
  (await databases.owner.query("SELECT realized_pnl::text AS pnl FROM daily_pnl ORDER BY trade_date")).rows;

describe("mergeUserRows' side work", () => {
  it("runs every step, whether the merge writes or finds nothing changed", async () => {
    const first: number[] = [];
    expect((await merge(["12.5", "-3"], steps(first))).inserted).toBe(2);
    expect(first).toEqual([0, 1, 2]);

    // The same rows again: the stored rows are read and compared, and nothing is sent to write.
    const again: number[] = [];
    expect(await merge(["12.5", "-3"], steps(again))).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(again).toEqual([0, 1, 2]);
  });

  it("fails the merge with a step's error and writes nothing", async () => {
    // No stored rows: the steps run once the merge is sent.
    await expect(merge(["7"], steps([], 1))).rejects.toThrow("digest failed");
    expect(await storedPnl()).toEqual([]);

    // Stored rows to compare with: the steps start while they are read.
    await merge(["7"], steps([]));
    await expect(merge(["8"], steps([], 0))).rejects.toThrow("digest failed");
    expect(await storedPnl()).toEqual([{ pnl: "7.00000000" }]);
  });
});
