import type { JWT } from "next-auth/jwt";
import { z } from "zod";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";

export type SessionClaims = { id: string; robinhoodUserId: string; sessionVersion: number };

const tokenSchema = z.object({
  sub: z.uuid(),
  robinhoodUserId: z.string().min(1),
  sessionVersion: z.number().int(),
});

/**
 * What a decoded session token says about its user, or null when it says nothing usable. The two ids
 * must agree: a token that says otherwise was not issued by this server. Whether the session is still
 * current is the database's answer (its session version), not the token's.
 */
export function sessionClaimsOf(token: JWT | null): SessionClaims | null {
  const claims = tokenSchema.safeParse(token);
  if (!claims.success) return null;
  const { sub: id, robinhoodUserId, sessionVersion } = claims.data;
  if (userIdFromRobinhoodUserId(robinhoodUserId) !== id) return null;
  return { id, robinhoodUserId, sessionVersion };
}
