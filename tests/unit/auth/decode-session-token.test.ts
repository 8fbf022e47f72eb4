import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeSessionToken } from "@/lib/server/auth/decode-session-token";

const SECRET = "unit-test-nextauth-secret-0000000000000000";
const claims = { sub: "0b0f4c5e-1d2a-4e4b-9c1a-5b7f3c2d1e00", robinhoodUserId: "rh-1", sessionVersion: 3 };

afterEach(() => vi.useRealTimers());

describe("decoding a session token, remembering the verified ones", () => {
  it("gives the claims next-auth put in, on the first and every later use", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 60 });
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
  });

  it("refuses a remembered token under another secret, and a tampered or missing one", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 60 });
    await decodeSessionToken({ token, secret: SECRET });
    await expect(decodeSessionToken({ token, secret: `${SECRET}-other` })).rejects.toThrow();
    const tampered = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    await expect(decodeSessionToken({ token: tampered, secret: SECRET })).rejects.toThrow();
    expect(await decodeSessionToken({ token: "", secret: SECRET })).toBeNull();
  });

  it("refuses a remembered token once it has expired, with jose's 15 s leeway", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-04T00:00:00Z"));
    const token = await encode({ token: claims, secret: SECRET, maxAge: 60 });
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
    vi.setSystemTime(new Date("2026-12-04T00:01:10Z"));
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
    vi.setSystemTime(new Date("2026-12-04T00:01:16Z"));
    await expect(decodeSessionToken({ token, secret: SECRET })).rejects.toThrow(/exp/);
  });
});
