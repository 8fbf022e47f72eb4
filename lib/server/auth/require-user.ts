import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";
import { authOptions } from "./auth-options";
import { getPageSession, type PageSession } from "./page-session";

export type SessionUser = { id: string; robinhoodUserId: string };

const sessionUserSchema = z.object({ id: z.uuid(), robinhoodUserId: z.string().min(1) });

/** No session (or one that ended): the action and route wrappers answer with it (401). */
export class UnauthorizedError extends AppError {
  override name = "UnauthorizedError";
  constructor() {
    super("unauthorized");
  }
}

/**
 * The signed-in user of this request, or null: no cookie, an expired or forged token, or a session
 * that ended on the server (signed out, signed out everywhere, account deleted; auth-options.ts checks
 * the session version on every read). Cached per render, so a layout and its page read it once.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const parsed = sessionUserSchema.safeParse(session?.user);
  if (!parsed.success) return null;
  // The two ids must agree; a token that says otherwise was not issued by this server.
  if (userIdFromRobinhoodUserId(parsed.data.robinhoodUserId) !== parsed.data.id) return null;
  return parsed.data;
});

/**
 * For pages: the signed-in user, or a redirect to the sign-in page that comes back here. Server
 * actions and route handlers read the session through their wrappers (lib/server/handlers) instead.
 */
export async function requireUser(returnTo?: string): Promise<SessionUser> {
  return (await requirePageSession(returnTo)).user;
}

/** For pages: the signed-in user with the page frame (page-session.ts), or the same redirect. */
export async function requirePageSession(returnTo?: string): Promise<PageSession> {
  const session = await getPageSession();
  if (session) return session;
  redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
}

/**
 * Runs a page's read; when the account was deleted since the session began (another tab, another
 * device), sends the visitor to the sign-in page instead of an error.
 */
export async function readForPage<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AccountDeletedError) redirect("/sign-in?reason=deleted");
    throw error;
  }
}
