import { describe, expect, it } from "vitest";
import {
  openPendingLogin,
  PENDING_LOGIN_TTL_MS,
  type PendingLogin,
  pendingLoginKey,
  sealPendingLogin,
} from "@/lib/server/auth/pending-login";

const tokenKey = Buffer.alloc(32, 7).toString("base64");
const key = pendingLoginKey(tokenKey);
const now = Date.parse("2026-11-26T12:00:00Z");
const ID = "pl-0123456789abcdef";
const login: PendingLogin = {
  username: "mfa-sms@rollbook.dev",
  password: "rollbook-test",
  deviceToken: "0c3e4a6f-2b8d-4f1a-9c7e-5d2b8a9f1e03",
  step: { kind: "mfa", mfaType: "sms" },
  expiresAt: now + PENDING_LOGIN_TTL_MS,
};

describe("pending-login cookie", () => {
  it("round-trips the state of the next sign-in step", () => {
    const sealed = sealPendingLogin(login, key, ID);
    expect(openPendingLogin(sealed, { key, now: now + 60_000 })).toEqual({ ok: true, login, id: ID });
  });

  it("keeps the password and username unreadable to the browser", () => {
    const sealed = sealPendingLogin(login, key, ID);
    expect(sealed).not.toContain("rollbook-test");
    expect(sealed).not.toContain("mfa-sms");
    expect(Buffer.from(sealed.split(".").join(""), "base64url").toString("latin1")).not.toContain(
      "rollbook-test",
    );
  });

  it("uses a key derived from, and different to, the token encryption key", () => {
    expect(key).not.toBe(tokenKey);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(pendingLoginKey(tokenKey)).toBe(key);
  });

  it("expires ten minutes after the password was entered", () => {
    const sealed = sealPendingLogin(login, key, ID);
    expect(openPendingLogin(sealed, { key, now: now + PENDING_LOGIN_TTL_MS - 1 }).ok).toBe(true);
    expect(openPendingLogin(sealed, { key, now: now + PENDING_LOGIN_TTL_MS })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a tampered cookie", () => {
    const sealed = sealPendingLogin(login, key, ID);
    const parts = sealed.split(".");
    const body = parts[3] as string;
    const tampered = [...parts.slice(0, 3), `${body.startsWith("A") ? "B" : "A"}${body.slice(1)}`].join(".");
    expect(openPendingLogin(tampered, { key, now })).toEqual({ ok: false, reason: "invalid" });
    expect(openPendingLogin(`${sealed}x`, { key, now }).ok).toBe(false);
    expect(openPendingLogin("v1.garbage", { key, now })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a cookie sealed with another key", () => {
    const other = pendingLoginKey(Buffer.alloc(32, 8).toString("base64"));
    expect(openPendingLogin(sealPendingLogin(login, other, ID), { key, now })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
