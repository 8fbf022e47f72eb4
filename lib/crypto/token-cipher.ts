import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const VERSION = "v1";

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
      const iv = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(Buffer.from(userId, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext].map(encodePart).join(".");
    },

    decrypt(stored: string, userId: string): string {
      const [version, iv, tag, ciphertext] = stored.split(".");
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
        throw new Error("Unrecognised encrypted token format");
      }
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(userId, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      try {
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, "base64url")),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        // Never echo the ciphertext or key material.
        throw new Error("Encrypted token could not be decrypted (wrong key or tampered data)");
      }
    },
  };
}

function encodePart(part: string | Buffer): string {
  return typeof part === "string" ? part : part.toString("base64url");
}
