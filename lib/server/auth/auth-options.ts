import "server-only";
import NextAuth, { type NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { disconnectRobinhood } from "@/lib/server/credentials/disconnect-robinhood";
import { getDb } from "@/lib/server/db/db";
import { logger } from "@/lib/server/logger";
import { endAllSessions, readSessionVersion, sessionVersionIsCurrent } from "./session-version";
import { verifySignInTicket } from "./sign-in-ticket";
import { usedTicketGuard } from "./used-ticket-guard";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/**
 * next-auth with JWT sessions. The one provider, "ticket", accepts a sign-in ticket that the server
 * issued a moment earlier after Robinhood authenticated the user (or the demo account opened); the
 * session token carries the Rollbook and Robinhood user ids and the user's session version, never a
 * Robinhood token. Every read of the session checks that version against the database
 * (lib/server/auth/session-version.ts), so sign-out and account deletion end copied cookies too.
 */
export const authOptions: NextAuthOptions = {
  secret: getEnv().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // next-auth's JWT would otherwise live 30 days, longer than the cookie that carries it.
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "ticket",
      name: "Rollbook sign-in ticket",
      credentials: { ticket: { label: "Ticket", type: "text" } },
      async authorize(credentials) {
        const verified = await verifySignInTicket(credentials?.ticket ?? "", {
          secret: getEnv().NEXTAUTH_SECRET,
          replayGuard: usedTicketGuard(getDb()),
        });
        if (!verified.ok) {
          logger.warn({ reason: verified.reason }, "sign-in ticket refused");
          return null;
        }
        const { userId, robinhoodUserId } = verified.claims;
        if (userIdFromRobinhoodUserId(robinhoodUserId) !== userId) return null;
        // The account may have been deleted in the minute since the ticket was issued.
        const sessionVersion = await readSessionVersion(userId);
        if (sessionVersion === null) return null;
        return { id: userId, robinhoodUserId, sessionVersion };
      },
    }),
  ],
  events: {
    // The app signs out with a server action (sign-out-everywhere.ts); next-auth's own sign-out
    // endpoint must end the session on the server just the same, not only clear this cookie.
    async signOut({ token }) {
      if (!token?.sub || !(await sessionIsCurrent(token))) return;
      await endAllSessions(token.sub);
      // And revoke Rollbook's Robinhood tokens, as the app's own sign-out does.
      if (typeof token.robinhoodUserId === "string") {
        await disconnectRobinhood({ robinhoodUserId: token.robinhoodUserId });
      }
    },
  },
  callbacks: {
    // Keep the token to the ids and the version: next-auth would otherwise copy name, e-mail and
    // picture into it. Runs on every read of the session (getServerSession, /api/auth/session).
    async jwt({ token, user }) {
      if (user) {
        return { sub: user.id, robinhoodUserId: user.robinhoodUserId, sessionVersion: user.sessionVersion };
      }
      if (await sessionIsCurrent(token)) return token;
      // Signed out elsewhere, or the account is gone: an empty token is no session (getSessionUser
      // finds no ids in it), and /api/auth/session writes it over the cookie.
      return {};
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        user: { id: token.sub, robinhoodUserId: token.robinhoodUserId },
      };
    },
  },
};

/** Tokens issued before session versions existed carry none, and are treated as ended. */
async function sessionIsCurrent(token: JWT): Promise<boolean> {
  if (typeof token.sub !== "string" || typeof token.sessionVersion !== "number") return false;
  return sessionVersionIsCurrent(token.sub, token.sessionVersion);
}

/** The `/api/auth/*` route handler. */
export const authHandler = NextAuth(authOptions);
