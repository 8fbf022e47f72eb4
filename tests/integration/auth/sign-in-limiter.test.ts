import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSignInLimiter, SIGN_IN_LIMITS, type SignInLimiter } from "@/lib/server/auth/sign-in-limiter";
import { connectOwner, testDatabaseUrls } from "@/tests/support/test-database";

// Two limiters on two pools stand for two instances of the app sharing one database.
const secret = "test-only-nextauth-secret-000000000000000";
let owner: pg.Client;
let pools: pg.Pool[];
let first: SignInLimiter;
let second: SignInLimiter;

beforeAll(async () => {
  owner = await connectOwner();
  pools = [0, 1].map(() => new pg.Pool({ connectionString: testDatabaseUrls().appUrl, max: 4 }));
  [first, second] = pools.map((pool) => createSignInLimiter({ pool, secret })) as [
    SignInLimiter,
    SignInLimiter,
  ];
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await owner.end();
});

beforeEach(async () => {
  await owner.query("TRUNCATE sign_in_limits");
});

const victim = { username: "victim@example.com", address: "203.0.113.7" };

/** A wrong password: the attempt is taken and, Robinhood having refused it, never given back. */
async function fail(limiter: SignInLimiter, attempt = victim) {
  return limiter.reserve(attempt);
}

describe("the per-account limit", () => {
  it("refuses the 6th wrong password within 15 minutes, saying how long to wait", async () => {
    for (let i = 1; i <= 5; i++) expect(await fail(first), `attempt ${i}`).toEqual({ ok: true });
    const sixth = await fail(first);
    expect(sixth.ok).toBe(false);
    if (sixth.ok) return;
    expect(sixth.retryAfterMs).toBeGreaterThan(14 * 60_000);
    expect(sixth.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
  });

  it("counts failures on every instance together", async () => {
    for (let i = 0; i < 3; i++) expect((await fail(first)).ok).toBe(true);
    for (let i = 0; i < 2; i++) expect((await fail(second)).ok).toBe(true);
    expect((await fail(first)).ok).toBe(false);
    expect((await fail(second)).ok).toBe(false);
  });

  it("counts one account however its name is typed, from any address", async () => {
    const spellings = [
      "victim@example.com",
      "Victim@Example.com",
      " VICTIM@example.com ",
      "victim@example.com",
    ];
    for (const [i, username] of spellings.entries()) {
      expect((await fail(first, { username, address: `198.51.100.${i}` })).ok).toBe(true);
    }
    expect((await fail(second, { username: "victim@example.com", address: "198.51.100.9" })).ok).toBe(true);
    expect((await fail(second, { username: "VICTIM@EXAMPLE.COM", address: "198.51.100.10" })).ok).toBe(false);
    // Another account is not affected.
    expect((await fail(first, { username: "someone@example.com", address: "198.51.100.11" })).ok).toBe(true);
  });

  it("lets exactly five of ten parallel guesses through", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fail(i % 2 === 0 ? first : second)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(5);
  });

  it("starts over after a successful sign-in", async () => {
    for (let i = 0; i < 4; i++) await fail(first);
    // The right password: the attempt is given back, and the completed sign-in clears the count.
    expect((await first.reserve(victim)).ok).toBe(true);
    await first.release(victim);
    await second.succeeded(victim.username);
    for (let i = 1; i <= 5; i++) expect((await fail(first)).ok, `attempt ${i} after success`).toBe(true);
    expect((await fail(first)).ok).toBe(false);
  });

  it("does not count attempts that were given back (Robinhood accepted the password or failed)", async () => {
    for (let i = 0; i < 20; i++) {
      expect((await first.reserve(victim)).ok).toBe(true);
      await first.release(victim);
    }
    for (let i = 0; i < 5; i++) expect((await fail(first)).ok).toBe(true);
    expect((await fail(first)).ok).toBe(false);
  });

  it("opens a new window once the old one has passed", async () => {
    const pool = pools[0] as pg.Pool;
    const short = createSignInLimiter({
      pool,
      secret,
      limits: { account: { failures: 2, windowSeconds: 1 }, address: { failures: 10, windowSeconds: 1 } },
    });
    expect((await short.reserve(victim)).ok).toBe(true);
    expect((await short.reserve(victim)).ok).toBe(true);
    expect((await short.reserve(victim)).ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await short.reserve(victim)).ok).toBe(true);
  });
});

describe("the per-address limit", () => {
  it(`refuses an address after ${SIGN_IN_LIMITS.address.failures} wrong passwords across accounts`, async () => {
    const address = "192.0.2.44";
    for (let i = 0; i < SIGN_IN_LIMITS.address.failures; i++) {
      const limiter = i % 2 === 0 ? first : second;
      expect((await fail(limiter, { username: `user${i}@example.com`, address })).ok, `account ${i}`).toBe(
        true,
      );
    }
    const next = await fail(first, { username: "fresh@example.com", address });
    expect(next.ok).toBe(false);
    // The refusal did not use up the fresh account's own allowance.
    for (let i = 0; i < 5; i++) {
      expect((await fail(second, { username: "fresh@example.com", address: "192.0.2.45" })).ok).toBe(true);
    }
    // Other addresses are not affected.
    expect((await fail(first, { username: "other@example.com", address: "192.0.2.46" })).ok).toBe(true);
  });
});

describe("the table", () => {
  it("holds neither account names nor addresses, only keyed hashes", async () => {
    await fail(first);
    const { rows } = await owner.query<{ key: string }>("SELECT key FROM sign_in_limits ORDER BY key");
    expect(rows.map((row) => row.key.split(":")[0])).toEqual(["account", "address"]);
    for (const { key } of rows) {
      expect(key).not.toContain("victim");
      expect(key).not.toContain("203.0.113.7");
    }
  });
});
