import "server-only";
import NextAuth, { type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { getDb } from "@/lib/server/db/db";
import { logger } from "@/lib/server/logger";
import { verifySignInTicket } from "./sign-in-ticket";
import { usedTicketGuard } from "./used-ticket-guard";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/**
 * next-auth with JWT sessions. The one provider, "ticket", accepts a sign-in ticket that the server
 * issued a moment earlier after Robinhood authenticated the user (or the demo account opened); the
 * session token carries the Rollbook and Robinhood user ids only, never a Robinhood token.
 */
export const authOptions: NextAuthOptions = {
  secret: getEnv().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
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
        return { id: userId, robinhoodUserId };
      },
    }),
  ],
  callbacks: {
    // Keep the token to the two ids: next-auth would otherwise copy name, e-mail and picture into it.
    jwt({ token, user }) {
      if (user) return { sub: user.id, robinhoodUserId: user.robinhoodUserId };
      return token;
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        user: { id: token.sub, robinhoodUserId: token.robinhoodUserId },
      };
    },
  },
};

/** The `/api/auth/*` route handler. */
export const authHandler = NextAuth(authOptions);
