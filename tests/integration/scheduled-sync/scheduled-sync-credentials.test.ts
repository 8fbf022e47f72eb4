import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTokenCipher } from "@/lib/crypto/token-cipher";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/server/logger";
import { getReconnectNeededSince } from "@/lib/server/queries/get-reconnect-needed";
import { rawCounts, syncState } from "@/tests/integration/sync/sync-test-support";
import {
  ALPHA,
  connectTrader,
  minutesAfter,
  requestsTo,
  scheduleOf,
  setUpScheduleTestbed,
  TICK_AT,
  tick,
} from "./scheduled-sync-support";

const bed = setUpScheduleTestbed();

/** Everything handed to the logger in a test, written out with errors' messages and causes. */
let logged: string[] = [];
beforeEach(() => {
  logged = [];
  for (const level of ["trace", "debug", "info", "warn", "error", "fatal"] as const) {
    vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
      logged.push(args.map((arg) => deepText(arg)).join(" "));
    }) as never);
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

function deepText(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || typeof value !== "object") return String(value);
  if (seen.has(value)) return "";
  seen.add(value);
  const parts: string[] = [];
  if (value instanceof Error)
    parts.push(value.name, value.message, value.stack ?? "", deepText(value.cause, seen));
  for (const [key, inner] of Object.entries(value)) parts.push(key, deepText(inner, seen));
  return parts.join(" ");
}

async function storedTokens(userId: string) {
  const { rows } = await bed.owner.query(
    "SELECT access_token_encrypted, refresh_token_encrypted, access_token_expires_at FROM robinhood_credentials WHERE user_id = $1",
    [userId],
  );
  const cipher = createTokenCipher(getEnv().TOKEN_ENCRYPTION_KEY);
  return {
    accessToken: cipher.decrypt(rows[0].access_token_encrypted, userId),
    refreshToken: cipher.decrypt(rows[0].refresh_token_encrypted, userId),
  };
}

function expectNoTokenLogged(tokens: string[]) {
  expect(logged.length).toBeGreaterThan(0);
  for (const token of tokens) {
    for (const line of logged) expect(line).not.toContain(token);
  }
}

describe("scheduled sync with stored tokens", () => {
  it("refreshes an expired access token, stores the new pair and logs neither", async () => {
    const trader = await connectTrader(bed, ALPHA);
    bed.simulator.controls.expireAccessTokens();
    bed.simulator.controls.clearRequests();

    const report = await tick(bed, TICK_AT);

    expect(report.sync).toMatchObject({ synced: 1, failed: 0 });
    expect(bed.simulator.controls.requests({ path: "/oauth2/token/", method: "POST" })).toHaveLength(1);
    const stored = await storedTokens(trader.id);
    expect(stored.accessToken).not.toBe(trader.tokens.accessToken);
    expect(stored.refreshToken).not.toBe(trader.tokens.refreshToken);
    expect((await rawCounts(bed.owner, trader.id)).option_orders).toBeGreaterThan(0);

    // The next sync starts from the stored pair: no refresh needed.
    await tick(bed, minutesAfter(TICK_AT, 60));
    expect(bed.simulator.controls.requests({ path: "/oauth2/token/", method: "POST" })).toHaveLength(1);
    expectNoTokenLogged([
      trader.tokens.accessToken,
      trader.tokens.refreshToken,
      stored.accessToken,
      stored.refreshToken,
    ]);
  });

  it("marks a user whose refresh Robinhood refuses as reconnect needed, keeps their data, and a new sign-in resumes", async () => {
    const trader = await connectTrader(bed, ALPHA);
    await tick(bed, TICK_AT);
    const before = await rawCounts(bed.owner, trader.id);
    // Robinhood ends the session (as after a password change): the access and refresh tokens die.
    await trader.client.revokeToken({ refreshToken: trader.tokens.refreshToken });

    const refused = await tick(bed, minutesAfter(TICK_AT, 60));

    expect(refused.sync).toMatchObject({ claimed: 1, synced: 0, failed: 1, reconnectNeeded: 1 });
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({
      reconnect_needed_since: minutesAfter(TICK_AT, 60),
      last_failure: "session_expired",
    });
    expect(await getReconnectNeededSince({ userId: trader.id, db: bed.db })).toEqual(
      minutesAfter(TICK_AT, 60),
    );
    expect(await rawCounts(bed.owner, trader.id)).toEqual(before);
    expect((await syncState(bed.owner, trader.id))?.last_error).toBe(
      "Your Robinhood session has expired. Sign in to Robinhood again.",
    );
    const { rows: lots } = await bed.owner.query(
      "SELECT count(*)::int AS n FROM matched_lots WHERE user_id = $1",
      [trader.id],
    );
    expect(lots[0].n).toBeGreaterThan(0);

    // No further attempts while it waits for the user, however late it gets.
    const tokenPosts = requestsTo(bed, "/oauth2/token/");
    const later = await tick(bed, minutesAfter(TICK_AT, 24 * 60));
    expect(later.sync).toMatchObject({ usersDue: 0, claimed: 0 });
    expect(requestsTo(bed, "/oauth2/token/")).toBe(tokenPosts);

    // Signing in again keeps everything and puts the user back on the schedule, due at once.
    const again = await connectTrader(bed, ALPHA, minutesAfter(TICK_AT, 24 * 60 + 5));
    expect(again.id).toBe(trader.id);
    expect(await getReconnectNeededSince({ userId: trader.id, db: bed.db })).toBeNull();
    expect(await rawCounts(bed.owner, trader.id)).toEqual(before);
    const resumed = await tick(bed, minutesAfter(TICK_AT, 24 * 60 + 5));
    expect(resumed.sync).toMatchObject({ synced: 1 });
    expect(await scheduleOf(bed.owner, trader.id)).toMatchObject({
      failures: 0,
      reconnect_needed_since: null,
    });

    expectNoTokenLogged([trader.tokens.accessToken, trader.tokens.refreshToken, again.tokens.accessToken]);
  });
});
