import "server-only";
import pg from "pg";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/server/logger";
import { createSignInLimiter, type SignInLimiter } from "./sign-in-limiter";

const globalForLimiter = globalThis as unknown as { rollbookSignInLimiter?: SignInLimiter };

/**
 * The process's sign-in limiter. rate-limiter-flexible talks to node-postgres directly, so it gets a
 * small pool of its own, connected as the app's role like Prisma's.
 */
export function getSignInLimiter(): SignInLimiter {
  if (globalForLimiter.rollbookSignInLimiter) return globalForLimiter.rollbookSignInLimiter;
  const { DATABASE_URL, NEXTAUTH_SECRET } = getEnv();
  if (!DATABASE_URL) {
    throw new Error("DATABASE_URL is not set. Start Rollbook with `npm run dev`, which provides a database.");
  }
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  // An idle connection that the server closes must not take the process down with it.
  pool.on("error", (error) =>
    logger.warn({ err: { message: error.message } }, "sign-in limiter connection lost"),
  );
  globalForLimiter.rollbookSignInLimiter = createSignInLimiter({ pool, secret: NEXTAUTH_SECRET });
  return globalForLimiter.rollbookSignInLimiter;
}
