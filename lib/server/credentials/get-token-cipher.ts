import "server-only";
import { createTokenCipher } from "@/lib/crypto/token-cipher";
import { getEnv } from "@/lib/env";

let cached: { key: string; cipher: ReturnType<typeof createTokenCipher> } | undefined;

/** The AES-256-GCM cipher for Robinhood tokens, keyed by `TOKEN_ENCRYPTION_KEY`. */
export function getTokenCipher(): ReturnType<typeof createTokenCipher> {
  const key = getEnv().TOKEN_ENCRYPTION_KEY;
  if (cached?.key !== key) cached = { key, cipher: createTokenCipher(key) };
  return cached.cipher;
}
