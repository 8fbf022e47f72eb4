import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTokenCipher } from "@/lib/crypto/token-cipher";
import { getEnv } from "@/lib/env";
import { isRobinhoodError } from "@/lib/robinhood/client";
import { openRobinhoodSession } from "@/lib/server/credentials/open-robinhood-session";
import { saveRobinhoodCredential } from "@/lib/server/credentials/save-robinhood-credential";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { DEMO_PASSWORD, DEMO_USERNAME, type RunningSimulator, TEST_PASSWORD } from "@/simulator";
import { setUpTestDatabases } from "@/tests/support/test-database";
import { DEVICE_TOKEN, fastRuntime, SECOND_USERNAME, signIn, startSyncSimulator } from "./sync-test-support";

/** Nothing listens here: a session that calls it fails at once with a network error. */
const UNREACHABLE = "http://127.0.0.1:9";

const databases = setUpTestDatabases({ emptyBeforeEach: true });
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSyncSimulator();
  // The environment is parsed once, on first use: set the broker URLs before anything reads it.
  process.env.DEMO_ROBINHOOD_URL = simulator.url;
  process.env.ROBINHOOD_API_URL = UNREACHABLE;
  expect(getEnv().DEMO_ROBINHOOD_URL).toBe(simulator.url);
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.controls.reset();
});

/** Signs in to the simulator and stores the credential the way the sign-in flow does. */
async function signInAndSave(username: string, password: string, isDemo: boolean) {
  const signedIn = await signIn(simulator, { username, password });
  const user = await withUserTransaction(
    { db: databases.db, robinhoodUserId: signedIn.robinhoodUserId, purpose: "sign-in", profile: { isDemo } },
    async (tx, scoped) => {
      await saveRobinhoodCredential(tx, scoped, { tokens: signedIn.tokens, deviceToken: DEVICE_TOKEN });
      return scoped;
    },
  );
  return { ...signedIn, user };
}

async function storedCredential(userId: string) {
  const { rows } = await databases.owner.query(
    `SELECT device_token, access_token_encrypted, refresh_token_encrypted, access_token_expires_at
     FROM robinhood_credentials WHERE user_id = $1`,
    [userId],
  );
  return rows[0] as {
    device_token: string;
    access_token_encrypted: string;
    refresh_token_encrypted: string;
    access_token_expires_at: Date;
  };
}

describe("saveRobinhoodCredential", () => {
  it("stores both tokens encrypted and bound to the user, with the access token's expiry", async () => {
    const { tokens, user } = await signInAndSave(DEMO_USERNAME, DEMO_PASSWORD, true);
    const row = await storedCredential(user.id);
    const cipher = createTokenCipher(getEnv().TOKEN_ENCRYPTION_KEY);

    expect(row.device_token).toBe(DEVICE_TOKEN);
    expect(row.access_token_expires_at).toEqual(new Date(tokens.expiresAt));
    for (const [stored, plain] of [
      [row.access_token_encrypted, tokens.accessToken],
      [row.refresh_token_encrypted, tokens.refreshToken],
    ] as const) {
      expect(stored).toMatch(/^v1\./);
      expect(stored).not.toContain(plain);
      expect(cipher.decrypt(stored, user.id)).toBe(plain);
      expect(() => cipher.decrypt(stored, "00000000-0000-4000-8000-000000000000")).toThrow();
    }
    // The app's default selects leave the ciphertexts out.
    const viaApp = await withUserTransaction(
      { db: databases.db, robinhoodUserId: user.robinhoodUserId, purpose: "work" },
      (tx) => tx.robinhoodCredential.findUnique({ where: { userId: user.id } }),
    );
    expect(viaApp).not.toHaveProperty("accessTokenEncrypted");
    expect(viaApp).not.toHaveProperty("refreshTokenEncrypted");
  });
});

describe("openRobinhoodSession", () => {
  it("decrypts the stored credential and talks to the simulated Robinhood for the demo user", async () => {
    const { robinhoodUserId } = await signInAndSave(DEMO_USERNAME, DEMO_PASSWORD, true);

    const session = await openRobinhoodSession({ db: databases.db, robinhoodUserId });

    expect((await session.getUser()).id).toBe(robinhoodUserId);
    expect(simulator.controls.countRequests({ path: "/oauth2/token/" })).toBe(1);
  });

  it("sends everyone else to ROBINHOOD_API_URL unless a base URL is given", async () => {
    const { robinhoodUserId } = await signInAndSave(SECOND_USERNAME, TEST_PASSWORD, false);
    const called: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      called.push(new URL(input instanceof Request ? input.url : input).origin);
      return fetch(input, init);
    };
    const client = { fetch: recordingFetch, retry: { maxAttempts: 1 }, runtime: fastRuntime().runtime };

    const real = await openRobinhoodSession({ db: databases.db, robinhoodUserId, client });
    const error = await real.getUser().catch((reason: unknown) => reason);
    expect(isRobinhoodError(error, "network_error")).toBe(true);
    expect(called).toEqual([UNREACHABLE]);

    const overridden = await openRobinhoodSession({
      db: databases.db,
      robinhoodUserId,
      client,
      baseUrl: simulator.url,
    });
    expect((await overridden.getUser()).id).toBe(robinhoodUserId);
  });

  it("persists a refreshed token pair, encrypted, before going on", async () => {
    const { robinhoodUserId, tokens, user } = await signInAndSave(DEMO_USERNAME, DEMO_PASSWORD, true);
    const session = await openRobinhoodSession({ db: databases.db, robinhoodUserId });
    simulator.controls.expireAccessTokens();

    expect((await session.getUser()).id).toBe(robinhoodUserId);

    const refreshed = session.tokens();
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    const row = await storedCredential(user.id);
    const cipher = createTokenCipher(getEnv().TOKEN_ENCRYPTION_KEY);
    expect(cipher.decrypt(row.access_token_encrypted, user.id)).toBe(refreshed.accessToken);
    expect(cipher.decrypt(row.refresh_token_encrypted, user.id)).toBe(refreshed.refreshToken);
    expect(row.access_token_encrypted).not.toContain(refreshed.accessToken);
    expect(row.access_token_expires_at).toEqual(new Date(refreshed.expiresAt));
    expect(row.device_token).toBe(DEVICE_TOKEN);

    // A later session starts from the stored pair: no second refresh is needed.
    const tokenRequests = simulator.controls.countRequests({ path: "/oauth2/token/" });
    const next = await openRobinhoodSession({ db: databases.db, robinhoodUserId });
    expect((await next.getUser()).id).toBe(robinhoodUserId);
    expect(simulator.controls.countRequests({ path: "/oauth2/token/" })).toBe(tokenRequests);
  });

  it("refuses a user without a stored credential, and creates no user on the way", async () => {
    const robinhoodUserId = "0aa0aa0a-1111-4222-8333-444444444444";
    const error = await openRobinhoodSession({ db: databases.db, robinhoodUserId }).catch(
      (reason: unknown) => reason,
    );
    expect(isRobinhoodError(error, "session_expired")).toBe(true);
    const { rows } = await databases.owner.query("SELECT count(*)::int AS n FROM users");
    expect(rows).toEqual([{ n: 0 }]);
  });
});
