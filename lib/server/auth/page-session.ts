import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { getEnv } from "@/lib/env";
import { rememberRequestDataVersion } from "@/lib/server/cache/cached-user-read";
import { type PageFrame, readPageFrame } from "@/lib/server/queries/get-page-frame";
import { decodeSessionToken } from "./decode-session-token";
import type { SessionUser } from "./require-user";
import { sessionClaimsOf } from "./session-claims";

export type PageSession = { user: SessionUser; frame: PageFrame };

/**
 * For pages: the signed-in user and the page's frame (who is signed in, freshness, reconnect state,
 * data version), or null when there is no current session. The same check as getServerSession with
 * auth-options.ts's callbacks, in one statement: the cookie's token is decoded and verified (signature,
 * expiry) as next-auth does, and `app_page_frame` reads the user's session version with the rest of
 * the frame; a session whose version is not the user's (signed out, signed out everywhere, account
 * deleted, a token from before versions) is no session. What getServerSession adds is not needed here:
 * it re-encodes a renewed token that a page cannot set as a cookie anyway.
 * Cached per request, so the layout and the page read it once; the data version it read serves the
 * request's cached reads (lib/server/cache).
 */
export const getPageSession = cache(async (): Promise<PageSession | null> => {
  // The cookie the proxy reads too (getToken's name for it); an Authorization header is not a session.
  const token = await getToken({
    req: { cookies: await cookies(), headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: getEnv().NEXTAUTH_SECRET,
    decode: decodeSessionToken,
  });
  const claims = sessionClaimsOf(token);
  if (!claims) return null;
  const { id, robinhoodUserId, sessionVersion } = claims;
  const frame = await readPageFrame(id);
  if (!frame || frame.sessionVersion !== sessionVersion) return null;
  rememberRequestDataVersion(id, frame.dataVersion);
  return { user: { id, robinhoodUserId }, frame };
});
