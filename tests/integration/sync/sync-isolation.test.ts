import { describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { isRobinhoodError } from "@/lib/robinhood/client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { syncUser } from "@/lib/server/sync/sync-user";
import { DEMO_PASSWORD, DEMO_USERNAME, TEST_PASSWORD } from "@/simulator";
import {
  expectedCounts,
  RAW_TABLES,
  rawCounts,
  SECOND_USERNAME,
  SIM_NOW,
  setUpSyncTestbed,
  signIn,
  syncState,
} from "./sync-test-support";

const bed = setUpSyncTestbed();

async function signedIn(username: string, password: string) {
  const result = await signIn(bed.simulator, { username, password });
  return { ...result, userId: userIdFromRobinhoodUserId(result.robinhoodUserId) };
}

/** Every raw row of one user, as stored (looking past row-level security). */
async function rowsOf(userId: string) {
  const out: Record<string, unknown[]> = {};
  for (const table of [...RAW_TABLES, "sync_states", "recompute_queue"]) {
    const { rows } = await bed.owner.query(`SELECT * FROM ${table} WHERE user_id = $1 ORDER BY 1, 2`, [
      userId,
    ]);
    out[table] = rows;
  }
  return out;
}

describe("syncUser: row-level isolation", () => {
  it("a sync of user A neither changes nor picks up user B's rows, even under the same broker ids", async () => {
    const a = await signedIn(DEMO_USERNAME, DEMO_PASSWORD);
    const b = await signedIn(SECOND_USERNAME, TEST_PASSWORD);
    await syncUser({ db: bed.db, session: b.session, robinhoodUserId: b.robinhoodUserId, now: SIM_NOW });

    // B also holds an order under one of A's broker order ids (natural keys are per user).
    const aHistory = bed.simulator.controls.history(DEMO_USERNAME);
    const sharedId = aHistory.orders[0]?.id as string;
    await withUserTransaction(
      { db: bed.db, robinhoodUserId: b.robinhoodUserId, purpose: "work" },
      async (tx, user) => {
        const account = await tx.brokerAccount.findFirstOrThrow({ where: { userId: user.id } });
        await tx.optionOrder.create({
          data: {
            userId: user.id,
            accountId: account.id,
            brokerOrderId: sharedId,
            source: "API",
            state: "planted",
            chainSymbol: "ZZZ",
            quantity: "1",
            processedQuantity: "0",
            brokerCreatedAt: SIM_NOW,
            brokerUpdatedAt: SIM_NOW,
          },
        });
      },
    );
    const before = await rowsOf(b.userId);

    const report = await syncUser({
      db: bed.db,
      session: a.session,
      robinhoodUserId: a.robinhoodUserId,
      now: SIM_NOW,
    });

    expect(await rowsOf(b.userId)).toEqual(before);
    const expected = expectedCounts(aHistory);
    expect(report.inserted.orders).toBe(expected.option_orders);
    expect(await rawCounts(bed.owner, a.userId)).toMatchObject({
      option_orders: expected.option_orders,
      option_executions: expected.option_executions,
    });
    const { rows: shared } = await bed.owner.query(
      "SELECT user_id, chain_symbol, state FROM option_orders WHERE broker_order_id = $1 ORDER BY state",
      [sharedId],
    );
    expect(shared).toEqual([
      { user_id: a.userId, chain_symbol: aHistory.orders[0]?.symbol, state: aHistory.orders[0]?.state },
      { user_id: b.userId, chain_symbol: "ZZZ", state: "planted" },
    ]);
    // Every row the sync wrote belongs to A or to B's earlier sync; nothing else exists.
    for (const table of RAW_TABLES) {
      const { rows } = await bed.owner.query(`SELECT DISTINCT user_id FROM ${table} ORDER BY 1`);
      expect(rows.map((row) => row.user_id).sort(), table).toEqual([a.userId, b.userId].sort());
    }
  });

  it("refuses a session that belongs to another Robinhood user, writing nothing for either", async () => {
    const a = await signedIn(DEMO_USERNAME, DEMO_PASSWORD);
    const b = await signedIn(SECOND_USERNAME, TEST_PASSWORD);

    const error = await syncUser({
      db: bed.db,
      session: b.session,
      robinhoodUserId: a.robinhoodUserId,
      now: SIM_NOW,
    }).catch((reason: unknown) => reason);

    expect(isRobinhoodError(error, "forbidden")).toBe(true);
    for (const userId of [a.userId, b.userId]) {
      const counts = await rawCounts(bed.owner, userId);
      for (const table of RAW_TABLES) expect(counts[table], table).toBe(0);
    }
    expect(await syncState(bed.owner, a.userId)).toMatchObject({
      status: "FAILED",
      last_error: "This Robinhood session belongs to a different Robinhood user. Sign in again.",
    });
    expect(bed.simulator.controls.countRequests({ path: "/options/orders/" })).toBe(0);
  });
});
