import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";

const ALGORITHM = "aes-256-gcm";
const VERSION = "v1";
const IV_BYTES = 12;
// GCM accepts tags from 4 bytes up, and a short tag can be forged by trying about 2^(8 × length)
// ciphertexts. Only the full 16-byte tag that `encrypt` writes is accepted.
const AUTH_TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Thrown for a stored value that is not a whole `v1` ciphertext (before any decryption is tried). */
/** A stored token that cannot be decrypted: tampered with, truncated, or sealed under another key. */
export class MalformedCiphertextError extends AppError {
  override name = "MalformedCiphertextError";
  constructor(reason: string) {
    super("credential_unreadable", {
      message: `Unrecognised encrypted token format: ${reason}`,
      userMessage: "Rollbook could not read your stored Robinhood sign-in. Sign in again.",
      responseStatus: 500,
    });
  }
}

/**
 * Encrypts Robinhood tokens at rest with AES-256-GCM. The stored form is
 * `v1.<iv>.<auth tag>.<ciphertext>` (base64url), so a key or format change can be recognised later.
 * The user id is bound as additional authenticated data: a ciphertext copied to another user's row
 * does not decrypt.
 */
export function createTokenCipher(base64Key: string) {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("The token encryption key must be 32 bytes");

  return {
    encrypt(plaintext: string, userId: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: AUTH_TAG_BYTES });
      cipher.setAAD(Buffer.from(userId, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext].map(encodePart).join(".");
    },

    decrypt(stored: string, userId: string): string {
      const { iv, tag, ciphertext } = parseStored(stored);
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: AUTH_TAG_BYTES });
      decipher.setAAD(Buffer.from(userId, "utf8"));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
      } catch {
        // Never echo the ciphertext or key material.
        throw new Error("Encrypted token could not be decrypted (wrong key or tampered data)");
      }
    },
  };
}

/** Splits and checks `v1.<iv>.<tag>.<ciphertext>`; the messages name the part, never its bytes. */
function parseStored(stored: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = stored.split(".");
  if (parts.length !== 4) throw new MalformedCiphertextError("expected 4 dot-separated parts");
  const [version, iv, tag, ciphertext] = parts as [string, string, string, string];
  if (version !== VERSION) throw new MalformedCiphertextError("unknown version");
  for (const [name, part] of [
    ["IV", iv],
    ["auth tag", tag],
    ["ciphertext", ciphertext],
  ] as const) {
    if (!BASE64URL.test(part)) throw new MalformedCiphertextError(`the ${name} is not base64url`);
  }
  const ivBytes = Buffer.from(iv, "base64url");
  if (ivBytes.length !== IV_BYTES) throw new MalformedCiphertextError(`the IV must be ${IV_BYTES} bytes`);
  const tagBytes = Buffer.from(tag, "base64url");
  if (tagBytes.length !== AUTH_TAG_BYTES) {
    throw new MalformedCiphertextError(`the auth tag must be ${AUTH_TAG_BYTES} bytes`);
  }
  return { iv: ivBytes, tag: tagBytes, ciphertext: Buffer.from(ciphertext, "base64url") };
}

function encodePart(part: string | Buffer): string {
  return typeof part === "string" ? part : part.toString("base64url");
}
