import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * A sign-in ticket proves, for one minute and once, that the server just authenticated a Robinhood
 * user. The sign-in page hands it to next-auth's "ticket" Credentials provider, which turns it into a
 * session. Format: `rbt1.<base64url JSON claims>.<base64url HMAC-SHA256>`; the MAC covers the
 * version prefix too, and the key is NEXTAUTH_SECRET behind a domain-separation label.
 */
export const SIGN_IN_TICKET_TTL_MS = 60_000;

const VERSION = "rbt1";
const MAC_LABEL = "rollbook/sign-in-ticket/v1";

const claimsSchema = z.object({
  uid: z.uuid(),
  rh: z.string().min(1),
  exp: z.number().int(),
  jti: z.string().min(16),
});

export type SignInTicketClaims = { userId: string; robinhoodUserId: string };

export type TicketVerification =
  | { ok: true; claims: SignInTicketClaims }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" | "already-used" };

export type IssueSignInTicketOptions = { secret: string; now?: number };

export function issueSignInTicket(claims: SignInTicketClaims, options: IssueSignInTicketOptions): string {
  const now = options.now ?? Date.now();
  const payload = Buffer.from(
    JSON.stringify({
      uid: claims.userId,
      rh: claims.robinhoodUserId,
      exp: now + SIGN_IN_TICKET_TTL_MS,
      jti: randomBytes(18).toString("base64url"),
    }),
  ).toString("base64url");
  return `${VERSION}.${payload}.${mac(options.secret, payload)}`;
}

export type VerifySignInTicketOptions = {
  secret: string;
  now?: number;
  /** Remembers used tickets: `usedTicketGuard` (the database, shared by every instance) in the app. */
  replayGuard: ReplayGuard;
};

export async function verifySignInTicket(
  ticket: string,
  options: VerifySignInTicketOptions,
): Promise<TicketVerification> {
  const now = options.now ?? Date.now();
  const [version, payload, signature, extra] = ticket.split(".");
  if (version !== VERSION || !payload || !signature || extra !== undefined) {
    return { ok: false, reason: "malformed" };
  }
  const expected = Buffer.from(mac(options.secret, payload), "base64url");
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad-signature" };
  }
  const parsed = claimsSchema.safeParse(parseJson(Buffer.from(payload, "base64url").toString("utf8")));
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const { uid, rh, exp, jti } = parsed.data;
  if (now >= exp) return { ok: false, reason: "expired" };
  // Checked last, so that only a genuine, unexpired ticket is ever recorded as used.
  if (!(await options.replayGuard.consume(jti, exp, now))) return { ok: false, reason: "already-used" };
  return { ok: true, claims: { userId: uid, robinhoodUserId: rh } };
}

/**
 * Remembers the ids of consumed tickets until they expire; `consume` is true for the first use only,
 * even when two uses race.
 */
export type ReplayGuard = { consume(jti: string, expiresAt: number, now: number): Promise<boolean> };

/** A guard for one process only (tests); the app keeps used tickets in the database. */
export function createReplayGuard(): ReplayGuard {
  const used = new Map<string, number>();
  return {
    async consume(jti, expiresAt, now) {
      for (const [id, expiry] of used) if (expiry <= now) used.delete(id);
      if (used.has(jti)) return false;
      used.set(jti, expiresAt);
      return true;
    },
  };
}

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`${MAC_LABEL}.${VERSION}.${payload}`).digest("base64url");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
