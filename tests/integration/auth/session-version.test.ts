import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import { authOptions } from "@/lib/server/auth/auth-options";
import { endAllSessions, readSessionVersion } from "@/lib/server/auth/session-version";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { setUpTestDatabases } from "@/tests/support/test-database";

const DANA = "dddddddd-0000-4000-8000-000000000004";
const ERIN = "eeeeeeee-0000-4000-8000-000000000005";
const danaId = userIdFromRobinhoodUserId(DANA);
const erinId = userIdFromRobinhoodUserId(ERIN);

const databases = setUpTestDatabases({ emptyBeforeEach: true });

async function signUp(robinhoodUserId: string) {
  await withUserTransaction({ db: databases.db, robinhoodUserId, purpose: "sign-in" }, async () => {});
}

/** The token next-auth would decode from a session cookie issued now to this user. */
async function tokenOf(robinhoodUserId: string): Promise<JWT> {
  const userId = userIdFromRobinhoodUserId(robinhoodUserId);
  const sessionVersion = await readSessionVersion(userId, { db: databases.db });
  if (sessionVersion === null) throw new Error("no such user");
  return { sub: userId, robinhoodUserId, sessionVersion };
}

/** What every session read does with a decoded token (getServerSession, /api/auth/session). */
async function checkSession(token: JWT): Promise<JWT> {
  const jwt = authOptions.callbacks?.jwt;
  if (!jwt) throw new Error("authOptions has no jwt callback");
  return jwt({ token, trigger: undefined } as Parameters<typeof jwt>[0]);
}

describe("session versions", () => {
  it("keeps a session while its version is the user's", async () => {
    await signUp(DANA);
    const token = await tokenOf(DANA);
    expect(await checkSession(token)).toEqual(token);
    // A second read of the same cookie still works: checking does not consume anything.
    expect(await checkSession(token)).toEqual(token);
  });

  it("ends every session of the user, copies included, and only that user's, when the version is bumped", async () => {
    await signUp(DANA);
    await signUp(ERIN);
    const dana = await tokenOf(DANA);
    const copiedDana = { ...dana };
    const erin = await tokenOf(ERIN);

    await endAllSessions(danaId, { db: databases.db });

    expect(await checkSession(dana)).toEqual({});
    expect(await checkSession(copiedDana)).toEqual({});
    expect(await checkSession(erin)).toEqual(erin);
    // Signing in again gives a session that works.
    const fresh = await tokenOf(DANA);
    expect(fresh.sessionVersion).toBe((dana.sessionVersion ?? 0) + 1);
    expect(await checkSession(fresh)).toEqual(fresh);
  });

  it("ends the sessions of a deleted account, and they stay ended when the person signs up again", async () => {
    await signUp(DANA);
    const beforeDeletion = await tokenOf(DANA);

    await deleteAccount({ robinhoodUserId: DANA, db: databases.db });
    expect(await readSessionVersion(danaId, { db: databases.db })).toBeNull();
    expect(await checkSession(beforeDeletion)).toEqual({});

    // Same Robinhood id, so the same user id: the new row starts at a fresh random version.
    await signUp(DANA);
    expect(await checkSession(beforeDeletion)).toEqual({});
    const afterSignUp = await tokenOf(DANA);
    expect(afterSignUp.sessionVersion).not.toBe(beforeDeletion.sessionVersion);
  });

  it("treats tokens without a version (issued before versions existed) and forged ids as ended", async () => {
    await signUp(DANA);
    const { sessionVersion, ...withoutVersion } = await tokenOf(DANA);
    expect(await checkSession(withoutVersion)).toEqual({});
    expect(await checkSession({ sub: erinId, robinhoodUserId: ERIN, sessionVersion })).toEqual({});
  });

  it("ends every session from next-auth's own sign-out endpoint, but not for a token already ended", async () => {
    await signUp(DANA);
    const signOut = authOptions.events?.signOut;
    if (!signOut) throw new Error("authOptions has no signOut event");
    const ended = await tokenOf(DANA);
    await endAllSessions(danaId, { db: databases.db });
    const current = await tokenOf(DANA);

    // A stale copy cannot be used to sign the owner out again and again.
    await signOut({ token: ended, session: null } as unknown as Parameters<typeof signOut>[0]);
    expect(await checkSession(current)).toEqual(current);

    await signOut({ token: current, session: null } as unknown as Parameters<typeof signOut>[0]);
    expect(await checkSession(current)).toEqual({});
  });

  it("starts new users at different random versions", async () => {
    await signUp(DANA);
    await signUp(ERIN);
    const versions = [
      await readSessionVersion(danaId, { db: databases.db }),
      await readSessionVersion(erinId, { db: databases.db }),
    ];
    expect(versions[0]).not.toBe(versions[1]);
    for (const version of versions) expect(version).toBeGreaterThanOrEqual(0);
  });
});
