import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import type { FreshnessStatus } from "@/lib/freshness/status-schema";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import { endAllSessions, readSessionVersion } from "@/lib/server/auth/session-version";
import { readDataVersion } from "@/lib/server/cache/read-data-version";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { getAccountSummary } from "@/lib/server/queries/get-account-summary";
import { getFreshnessStatus } from "@/lib/server/queries/get-freshness-status";
import { type PageFrame, readPageFrame } from "@/lib/server/queries/get-page-frame";
import { getReconnectNeededSince } from "@/lib/server/queries/get-reconnect-needed";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { syncUser } from "@/lib/server/sync/sync-user";
import { SIM_NOW, setUpSyncTestbed, signInDemo } from "../sync/sync-test-support";

const bed = setUpSyncTestbed();

/** The demo trader signed in to Robinhood and to Rollbook (its user row exists). */
async function signedUp() {
  const signedIn = await signInDemo(bed.simulator);
  await withUserTransaction(
    { db: bed.db, robinhoodUserId: signedIn.robinhoodUserId, purpose: "sign-in" },
    async () => {},
  );
  return signedIn;
}

/** The frame as the separate reads it replaces give it (each its own statement or transaction). */
async function separateReads(userId: string, robinhoodUserId: string): Promise<PageFrame> {
  return {
    sessionVersion: (await readSessionVersion(userId, { db: bed.db })) ?? Number.NaN,
    dataVersion: (await readDataVersion(userId, bed.db)) ?? "none",
    account: await getAccountSummary({ db: bed.db, robinhoodUserId }),
    freshness: await getFreshnessStatus({ db: bed.db, robinhoodUserId }),
    reconnectNeededSince: await getReconnectNeededSince({ userId, db: bed.db }),
  };
}

/**
 * The frame and the status route's read of a running sync, taken while its progress stood still: the
 * sync goes on while they are read, so a pair is kept only when the frame read before and after the
 * separate read agree (progress only moves forward, so the separate read saw that same state).
 */
async function readsWhileStill(
  userId: string,
  robinhoodUserId: string,
): Promise<[PageFrame | null, FreshnessStatus]> {
  for (let attempt = 0; ; attempt++) {
    const before = await readPageFrame(userId, bed.db);
    const separately = await getFreshnessStatus({ db: bed.db, robinhoodUserId });
    const after = await readPageFrame(userId, bed.db);
    if (isDeepStrictEqual(before?.freshness, after?.freshness) || attempt >= 50) return [before, separately];
  }
}

describe("the page frame: session version, data version, header, freshness and reconnect state in one read", () => {
  it("equals the separate reads for a new user, during a sync, after it and after the recompute", async () => {
    const { session, robinhoodUserId, userId } = await signedUp();
    expect(await readPageFrame(userId, bed.db)).not.toBeNull();
    const fresh = await readPageFrame(userId, bed.db);
    expect(fresh).toEqual(await separateReads(userId, robinhoodUserId));
    expect(fresh?.freshness.sync).toBeNull();

    const seenWhileRunning: Promise<[PageFrame | null, FreshnessStatus]>[] = [];
    await syncUser({
      db: bed.db,
      session,
      robinhoodUserId,
      now: SIM_NOW,
      onProgress: (progress) => {
        if (progress.phase === "events") seenWhileRunning.push(readsWhileStill(userId, robinhoodUserId));
      },
    });
    const [[running, runningSeparately] = [null, null]] = await Promise.all(seenWhileRunning);
    // The sync's progress moves between data versions: the frame shows it as the status route does.
    expect(running?.freshness.sync?.status).toBe("RUNNING");
    expect(running?.freshness).toEqual(runningSeparately);

    const synced = await readPageFrame(userId, bed.db);
    expect(synced).toEqual(await separateReads(userId, robinhoodUserId));
    expect(synced?.freshness.sync?.status).toBe("SUCCEEDED");
    expect(synced?.dataVersion).not.toBe(fresh?.dataVersion);

    await recomputeUserPnl({ db: bed.db, robinhoodUserId, trigger: "sync", now: SIM_NOW });
    const recomputed = await readPageFrame(userId, bed.db);
    expect(recomputed).toEqual(await separateReads(userId, robinhoodUserId));
    expect(recomputed?.freshness.recompute?.status).toBe("SUCCEEDED");
    expect(recomputed?.dataVersion).not.toBe(synced?.dataVersion);
  });

  it("shows a demo account's expiry and a refused Robinhood sign-in", async () => {
    const { robinhoodUserId, userId } = await signedUp();
    const since = new Date("2026-11-18T20:00:00.000Z");
    await bed.owner.query(
      `INSERT INTO sync_schedule (user_id, robinhood_user_id, next_sync_at, reconnect_needed_since)
       VALUES ($1, $2, now(), $3)`,
      [userId, robinhoodUserId, since],
    );
    const expires = new Date("2026-11-19T20:00:00.000Z");
    await bed.owner.query(
      `INSERT INTO demo_accounts (user_id, robinhood_user_id, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [userId, robinhoodUserId, expires],
    );
    const frame = await readPageFrame(userId, bed.db);
    expect(frame).toEqual(await separateReads(userId, robinhoodUserId));
    expect(frame?.reconnectNeededSince).toEqual(since);
    expect(frame?.account.demoExpiresAt).toEqual(expires);
  });

  it("carries the session version that signing out everywhere moves, and nothing once the account is gone", async () => {
    const { robinhoodUserId, userId } = await signedUp();
    const before = await readPageFrame(userId, bed.db);
    await endAllSessions(userId, { db: bed.db });
    const after = await readPageFrame(userId, bed.db);
    expect(after?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);

    await deleteAccount({ db: bed.db, robinhoodUserId });
    expect(await readPageFrame(userId, bed.db)).toBeNull();
  });

  it("reads only its own user: inside another user's scope it refuses", async () => {
    const dana = await signedUp();
    const other = "ffffffff-0000-4000-8000-00000000000f";
    await expect(
      readAsUser(
        { db: bed.db, robinhoodUserId: dana.robinhoodUserId },
        (tx) => tx.$queryRaw`SELECT * FROM app_page_frame(${other}::uuid)`,
      ),
    ).rejects.toThrow(/scoped to another user/);
  });
});
