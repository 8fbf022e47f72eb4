import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

/** jose's leeway on `exp` and `nbf`, as next-auth's `decode` passes it. */
const CLOCK_TOLERANCE_SECONDS = 15;
const MAX_TOKENS = 1_000;

type Verified = { secret: JWTDecodeParams["secret"]; salt: string; payload: JWT };

// Module state: one map per server bundle that imports this (the proxy's and the pages').
const verified = new Map<string, Verified>();

/**
 * next-auth's session-token `decode`, remembering the tokens it has verified. next-auth derives the
 * encryption key from the secret (HKDF) and decrypts the token on every call; a page request did it
 * twice (the proxy, then the page), about 2 ms of CPU. A token is authenticated ciphertext, so the
 * same string always decrypts to the same claims: only the time claims can change the answer, and
 * they are checked again on every use with jose's rules and leeway. A token that fails to verify is
 * never remembered. Ending a session does not depend on this: it is the session version in the
 * database, checked on every request (session-version.ts, page-session.ts).
 */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret } = params;
  const salt = params.salt ?? "";
  if (!token) return null;
  const known = verified.get(token);
  if (known && known.secret === secret && known.salt === salt && isCurrent(known.payload))
    return known.payload;
  const payload = await decode(params);
  if (payload) {
    verified.delete(token);
    verified.set(token, { secret, salt, payload });
    // Oldest first: Map keeps insertion order.
    while (verified.size > MAX_TOKENS) {
      const oldest = verified.keys().next().value;
      if (oldest === undefined) break;
      verified.delete(oldest);
    }
  }
  return payload;
}

/** jose's `exp` and `nbf` checks (jwtDecrypt with next-auth's clock tolerance). */
function isCurrent(payload: JWT): boolean {
  const now = Math.floor(Date.now() / 1000);
  const { exp, nbf } = payload as { exp?: unknown; nbf?: unknown };
  if (typeof exp === "number" && exp <= now - CLOCK_TOLERANCE_SECONDS) return false;
  if (typeof nbf === "number" && nbf > now + CLOCK_TOLERANCE_SECONDS) return false;
  return true;
}
