import { describe, expect, it } from "vitest";
import { createTokenCipher } from "@/lib/crypto/token-cipher";

const key = Buffer.alloc(32, 1).toString("base64");
const otherKey = Buffer.alloc(32, 2).toString("base64");
const token = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIifQ.secret-access-token";

describe("token cipher", () => {
  it("round-trips a token for the same user", () => {
    const cipher = createTokenCipher(key);
    expect(cipher.decrypt(cipher.encrypt(token, "user-1"), "user-1")).toBe(token);
  });

  it("never stores the plaintext and uses a fresh IV each time", () => {
    const cipher = createTokenCipher(key);
    const first = cipher.encrypt(token, "user-1");
    const second = cipher.encrypt(token, "user-1");
    expect(first).not.toContain("secret-access-token");
    expect(first).not.toBe(second);
    expect(first.startsWith("v1.")).toBe(true);
  });

  it("refuses a ciphertext moved to another user's row", () => {
    const cipher = createTokenCipher(key);
    expect(() => cipher.decrypt(cipher.encrypt(token, "user-1"), "user-2")).toThrow(/could not be decrypted/);
  });

  it("refuses the wrong key and tampered data without echoing them", () => {
    const stored = createTokenCipher(key).encrypt(token, "user-1");
    expect(() => createTokenCipher(otherKey).decrypt(stored, "user-1")).toThrow(/wrong key or tampered/);
    const parts = stored.split(".");
    // Another first character of the ciphertext (the IV is random: it may already start with "A").
    const changed = parts[3]?.startsWith("A") ? "B" : "A";
    const tampered = [parts[0], parts[1], parts[2], `${changed}${parts[3]?.slice(1)}`].join(".");
    expect(() => createTokenCipher(key).decrypt(tampered, "user-1")).toThrow(/wrong key or tampered/);
  });

  it("refuses an auth tag shortened to 4 bytes, which GCM itself would accept", () => {
    const cipher = createTokenCipher(key);
    const [version, iv, tag, ciphertext] = cipher.encrypt(token, "user-1").split(".");
    const shortTag = Buffer.from(tag ?? "", "base64url")
      .subarray(0, 4)
      .toString("base64url");
    expect(() => cipher.decrypt([version, iv, shortTag, ciphertext].join("."), "user-1")).toThrow(
      /auth tag must be 16 bytes/,
    );
  });

  it("refuses malformed stored values with a message naming the part", () => {
    const cipher = createTokenCipher(key);
    const [version, iv, tag, ciphertext] = cipher.encrypt(token, "user-1").split(".") as string[];
    const cases: [string, RegExp][] = [
      [`${version}.${iv}.${tag}`, /4 dot-separated parts/],
      [`${version}.${iv}.${tag}.${ciphertext}.extra`, /4 dot-separated parts/],
      [`v2.${iv}.${tag}.${ciphertext}`, /unknown version/],
      [`${version}.${iv}.${tag}+.${ciphertext}`, /auth tag is not base64url/],
      [`${version}.${iv?.slice(0, 8)}.${tag}.${ciphertext}`, /IV must be 12 bytes/],
      [`${version}.${iv}.${tag}AAAA.${ciphertext}`, /auth tag must be 16 bytes/],
      [`${version}.${iv}.${tag}.${ciphertext}!`, /ciphertext is not base64url/],
    ];
    for (const [stored, message] of cases) {
      expect(() => cipher.decrypt(stored, "user-1"), stored).toThrow(message);
    }
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => createTokenCipher(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
