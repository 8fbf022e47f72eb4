import "server-only";
import { createHmac } from "node:crypto";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Limits on wrong passwords, counted in PostgreSQL so that every instance of the app sees the same
 * counts. Without them the sign-in form forwards any number of guesses to Robinhood: a way to test
 * stolen credentials, and a way to get the server's address throttled for every user.
 *
 * Per account name: few failures, because one person types one password. Per client address: more,
 * because an office or a phone network puts many people behind one address; it stops one client
 * trying many accounts.
 */
export const SIGN_IN_LIMITS = {
  account: { failures: 5, windowSeconds: 15 * 60 },
  address: { failures: 30, windowSeconds: 15 * 60 },
} as const;

export type SignInLimits = {
  account: { failures: number; windowSeconds: number };
  address: { failures: number; windowSeconds: number };
};

/** The table the migration creates; the limiter is told never to create it. */
const TABLE = "sign_in_limits";
const KEY_LABEL = "rollbook/sign-in-limit/v1";

export type SignInAttempt = { username: string; address: string | null };

export type Reservation = { ok: true } | { ok: false; retryAfterMs: number };

export type SignInLimiter = {
  /**
   * Takes one attempt from the account's and the address's allowance before Robinhood is asked, and
   * refuses when either is used up. Taking it first (rather than counting failures afterwards) keeps
   * the bound exact when guesses arrive in parallel.
   */
  reserve(attempt: SignInAttempt): Promise<Reservation>;
  /** Robinhood did not refuse the password (it accepted it, or failed for another reason): give the attempt back. */
  release(attempt: SignInAttempt): Promise<void>;
  /** The user signed in: the account name starts with a clean slate. */
  succeeded(username: string): Promise<void>;
};

export type CreateSignInLimiterOptions = {
  /** A pool connected as the app's role; the table has no row-level security. */
  pool: pg.Pool;
  /** Keys are HMACs under this secret, so the table never shows who tried to sign in, or from where. */
  secret: string;
  limits?: SignInLimits;
};

export function createSignInLimiter(options: CreateSignInLimiterOptions): SignInLimiter {
  const limits = options.limits ?? SIGN_IN_LIMITS;
  const store = (prefix: "account" | "address", limit: { failures: number; windowSeconds: number }) =>
    new RateLimiterPostgres({
      storeClient: options.pool,
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      keyPrefix: prefix,
      points: limit.failures,
      duration: limit.windowSeconds,
    });
  const accounts = store("account", limits.account);
  const addresses = store("address", limits.address);
  const accountKey = (attempt: SignInAttempt) =>
    hashKey(options.secret, normalizeAccountName(attempt.username));
  const addressKey = (attempt: SignInAttempt) => hashKey(options.secret, attempt.address ?? "unknown");

  /** Gives back one point if the window that holds it is still open, never below zero. */
  const giveBack = async (prefix: "account" | "address", key: string) => {
    await options.pool.query(
      `UPDATE ${TABLE} SET points = points - 1 WHERE key = $1 AND points > 0 AND expire > $2`,
      [`${prefix}:${key}`, Date.now()],
    );
  };

  return {
    async reserve(attempt) {
      const account = await take(accounts, accountKey(attempt));
      if (!account.ok) return account;
      const address =
        attempt.address === null ? { ok: true as const } : await take(addresses, addressKey(attempt));
      if (!address.ok) await giveBack("account", accountKey(attempt));
      return address;
    },
    async release(attempt) {
      await giveBack("account", accountKey(attempt));
      if (attempt.address !== null) await giveBack("address", addressKey(attempt));
    },
    async succeeded(username) {
      await accounts.delete(accountKey({ username, address: null }));
    },
  };
}

/** The account name as Robinhood would match it: `Me@Example.com ` and `me@example.com` are one account. */
export function normalizeAccountName(username: string): string {
  return username.normalize("NFKC").trim().toLowerCase();
}

async function take(limiter: RateLimiterPostgres, key: string): Promise<Reservation> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (rejection) {
    // The library rejects with its result when the allowance is used up, and with an Error when the
    // database failed; the latter propagates, so sign-in fails closed rather than unlimited.
    if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterMs: rejection.msBeforeNext };
    throw rejection;
  }
}

function hashKey(secret: string, value: string): string {
  return createHmac("sha256", secret).update(`${KEY_LABEL}.${value}`).digest("base64url");
}
