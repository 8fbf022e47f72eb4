import "server-only";
import type { RobinhoodClientOptions, RobinhoodSession } from "@/lib/robinhood/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { logger } from "@/lib/server/logger";
import { openRobinhoodSession } from "./open-robinhood-session";

/** Longest a sign-out or an account deletion waits for Robinhood to confirm a revoke. */
export const REVOKE_TIMEOUT_MS = 5_000;

export type RevokeOptions = {
  robinhoodUserId: string;
  db?: Database;
  /** Client settings (tests); one attempt with a short timeout by default. */
  client?: Omit<RobinhoodClientOptions, "baseUrl">;
  /** Robinhood's URL; chosen from the user by default (tests: a simulator). */
  baseUrl?: string;
};

/**
 * The stored credential as a session that can revoke it, or null when there is none or it no longer
 * decrypts. Never throws: revoking is best effort and must not stop a sign-out or a deletion.
 */
export async function openSessionToRevoke(options: RevokeOptions): Promise<RobinhoodSession | null> {
  try {
    return await openRobinhoodSession({
      robinhoodUserId: options.robinhoodUserId,
      db: options.db,
      baseUrl: options.baseUrl,
      client: {
        ...options.client,
        retry: { maxAttempts: 1, ...options.client?.retry },
        timeouts: { requestMs: REVOKE_TIMEOUT_MS, ...options.client?.timeouts },
      },
    });
  } catch (error) {
    logger.info({ error: nameOf(error) }, "no Robinhood credential to revoke");
    return null;
  }
}

/**
 * Asks Robinhood to revoke the session's refresh token (and the access tokens issued with it), once,
 * for at most REVOKE_TIMEOUT_MS. Never throws; says whether Robinhood confirmed.
 */
export async function revokeBestEffort(session: RobinhoodSession | null, userId: string): Promise<boolean> {
  if (!session) return false;
  try {
    await session.revoke({ signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS) });
    logger.info({ userId }, "Robinhood tokens revoked");
    return true;
  } catch (error) {
    logger.warn({ userId, error: nameOf(error) }, "revoking the Robinhood tokens failed; going on");
    return false;
  }
}

/** Name and code only: never the error's message or cause, which nothing here needs. */
function nameOf(error: unknown) {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, code: typeof code === "string" ? code : undefined };
}
