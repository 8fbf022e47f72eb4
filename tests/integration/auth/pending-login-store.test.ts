import { beforeEach, describe, expect, it } from "vitest";
import { PENDING_LOGIN_TTL_MS, type PendingLogin, pendingLoginKey } from "@/lib/server/auth/pending-login";
import {
  discardPendingLogin,
  issuePendingLogin,
  peekPendingLogin,
  takePendingLogin,
} from "@/lib/server/auth/pending-login-store";
import { createAppDb, setUpTestDatabases } from "@/tests/support/test-database";

const databases = setUpTestDatabases();
const key = pendingLoginKey(Buffer.alloc(32, 7).toString("base64"));
const login = (now = Date.now()): PendingLogin => ({
  username: "mfa-sms@rollbook.dev",
  password: "rollbook-test",
  deviceToken: "0c3e4a6f-2b8d-4f1a-9c7e-5d2b8a9f1e03",
  step: { kind: "mfa", mfaType: "sms" },
  expiresAt: now + PENDING_LOGIN_TTL_MS,
});

beforeEach(async () => {
  await databases.owner.query("TRUNCATE pending_logins");
});

describe("the pending-login cookie", () => {
  it("works once: a replay of the same cookie is refused", async () => {
    const options = { db: databases.db, key };
    const sealed = await issuePendingLogin(login(), options);
    const taken = await takePendingLogin(sealed, options);
    expect(taken).toMatchObject({ ok: true, login: { username: "mfa-sms@rollbook.dev" } });
    expect(await takePendingLogin(sealed, options)).toEqual({ ok: false, reason: "used" });
  });

  it("is refused on another instance once one has used it", async () => {
    const other = createAppDb();
    try {
      const sealed = await issuePendingLogin(login(), { db: databases.db, key });
      expect((await takePendingLogin(sealed, { db: other, key })).ok).toBe(true);
      expect(await takePendingLogin(sealed, { db: databases.db, key })).toEqual({
        ok: false,
        reason: "used",
      });
    } finally {
      await other.$disconnect();
    }
  });

  it("gives the state to exactly one of several requests racing with the same cookie", async () => {
    const sealed = await issuePendingLogin(login(), { db: databases.db, key });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => takePendingLogin(sealed, { db: databases.db, key })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("shows the step in progress on a reload without using the cookie up", async () => {
    const options = { db: databases.db, key };
    const sealed = await issuePendingLogin(login(), options);
    expect((await peekPendingLogin(sealed, options)).ok).toBe(true);
    expect((await takePendingLogin(sealed, options)).ok).toBe(true);
    expect(await peekPendingLogin(sealed, options)).toEqual({ ok: false, reason: "used" });
  });

  it("is refused after Start over, and after ten minutes", async () => {
    const options = { db: databases.db, key };
    const cancelled = await issuePendingLogin(login(), options);
    await discardPendingLogin(cancelled, options);
    expect(await takePendingLogin(cancelled, options)).toEqual({ ok: false, reason: "used" });

    const now = Date.now();
    const stale = await issuePendingLogin(login(now), { ...options, now });
    expect(await takePendingLogin(stale, { ...options, now: now + PENDING_LOGIN_TTL_MS })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("keeps no password in the database, and sweeps expired rows when a new sign-in starts", async () => {
    const now = Date.now();
    await issuePendingLogin(login(now - PENDING_LOGIN_TTL_MS - 1), { db: databases.db, key, now });
    await issuePendingLogin(login(now), { db: databases.db, key, now });
    const { rows } = await databases.owner.query("SELECT * FROM pending_logins");
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(["expires_at", "id"]);
    expect(JSON.stringify(rows)).not.toContain("rollbook-test");
  });
});
