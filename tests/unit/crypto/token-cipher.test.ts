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
    const tampered = [parts[0], parts[1], parts[2], `A${parts[3]?.slice(1)}`].join(".");
    expect(() => createTokenCipher(key).decrypt(tampered, "user-1")).toThrow(/wrong key or tampered/);
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => createTokenCipher(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
