import { describe, expect, it } from "vitest";
import { isRobinhoodError } from "@/lib/robinhood/client";
import { deleteAccountAndRevoke } from "@/lib/server/auth/close-account";
import { disconnectRobinhood } from "@/lib/server/credentials/disconnect-robinhood";
import { rawCounts } from "@/tests/integration/sync/sync-test-support";
import { userTablesWithRows } from "@/tests/support/test-database";
import {
  ALPHA,
  connectTrader,
  scheduleOf,
  setUpScheduleTestbed,
  TICK_AT,
  TRADERS,
  tick,
} from "./scheduled-sync-support";

const bed = setUpScheduleTestbed();
const REVOKE = "/oauth2/revoke_token/";

/** Whether Robinhood still honours the tokens the trader signed in with. */
async function tokensStillWork(trader: Awaited<ReturnType<typeof connectTrader>>): Promise<boolean> {
  const session = trader.client.createSession(trader.tokens);
  const result = await session.getUser().catch((error: unknown) => error);
  if (isRobinhoodError(result, "session_expired")) return false;
  if (result instanceof Error) throw result;
  return true;
}

describe("revoking Robinhood tokens", () => {
  it("on sign-out: Robinhood revokes them, Rollbook forgets them and stops scheduling, the data stays", async () => {
    const trader = await connectTrader(bed, ALPHA);
    await tick(bed, TICK_AT);
    const counts = await rawCounts(bed.owner, trader.id);
    bed.simulator.controls.clearRequests();

    const result = await disconnectRobinhood({
      robinhoodUserId: trader.robinhoodUserId,
      db: bed.db,
      baseUrl: bed.simulator.url,
    });

    expect(result).toEqual({ revoked: true });
    expect(bed.simulator.controls.requests({ path: REVOKE })).toMatchObject([
      { method: "POST", status: 200 },
    ]);
    expect(await tokensStillWork(trader)).toBe(false);
    const { rows } = await bed.owner.query("SELECT 1 FROM robinhood_credentials WHERE user_id = $1", [
      trader.id,
    ]);
    expect(rows).toHaveLength(0);
    expect(await scheduleOf(bed.owner, trader.id)).toBeUndefined();
    expect(await rawCounts(bed.owner, trader.id)).toEqual(counts);
  });

  it("on account deletion: the tokens are revoked after the rows are gone", async () => {
    const trader = await connectTrader(bed, ALPHA);
    await tick(bed, TICK_AT);
    bed.simulator.controls.clearRequests();

    const result = await deleteAccountAndRevoke({
      robinhoodUserId: trader.robinhoodUserId,
      db: bed.db,
      baseUrl: bed.simulator.url,
    });

    expect(result).toEqual({ deleted: true, revoked: true });
    expect(bed.simulator.controls.requests({ path: REVOKE })).toMatchObject([
      { method: "POST", status: 200 },
    ]);
    expect(await tokensStillWork(trader)).toBe(false);
    expect(await userTablesWithRows(bed.owner)).toEqual([]);
  });

  it("never lets a failing Robinhood stop a deletion or a sign-out", async () => {
    const deleted = await connectTrader(bed, ALPHA);
    const signedOut = await connectTrader(bed, TRADERS[1] ?? "");
    bed.simulator.controls.addFault({ path: REVOKE, times: null, fault: { kind: "status", status: 503 } });

    expect(
      await deleteAccountAndRevoke({
        robinhoodUserId: deleted.robinhoodUserId,
        db: bed.db,
        baseUrl: bed.simulator.url,
      }),
    ).toEqual({
      deleted: true,
      revoked: false,
    });
    expect(
      await disconnectRobinhood({
        robinhoodUserId: signedOut.robinhoodUserId,
        db: bed.db,
        baseUrl: bed.simulator.url,
      }),
    ).toEqual({
      revoked: false,
    });

    // One attempt each, no retries: a sign-out does not wait on Robinhood's troubles.
    expect(bed.simulator.controls.requests({ path: REVOKE })).toHaveLength(2);
    const { rows: users } = await bed.owner.query("SELECT id FROM users");
    expect(users).toEqual([{ id: signedOut.id }]);
    const { rows: credentials } = await bed.owner.query("SELECT 1 FROM robinhood_credentials");
    expect(credentials).toHaveLength(0);
  });
});
