import "server-only";
import { getEnv } from "@/lib/env";
import {
  createRobinhoodClient,
  type RobinhoodClientOptions,
  RobinhoodError,
  type RobinhoodSession,
  type RobinhoodTokens,
} from "@/lib/robinhood/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { getTokenCipher } from "./get-token-cipher";
import { saveRobinhoodCredential } from "./save-robinhood-credential";

export type OpenRobinhoodSessionOptions = {
  robinhoodUserId: string;
  db?: Database;
  /** Overrides the base URL chosen from the user (demo: DEMO_ROBINHOOD_URL, others: ROBINHOOD_API_URL). */
  baseUrl?: string;
  /** Client settings other than the base URL: retry policy, timeouts, runtime, fetch. */
  client?: Omit<RobinhoodClientOptions, "baseUrl">;
};

/**
 * A Robinhood session for a user from their stored, encrypted credential. When Robinhood rejects the
 * access token the session refreshes it, and the new pair is encrypted and stored before the request
 * is retried. The tokens stay inside the session: never logged, never returned otherwise.
 *
 * Do not use the session inside a user transaction of the same user: storing refreshed tokens takes
 * the user's lock in a transaction of its own.
 */
export async function openRobinhoodSession(options: OpenRobinhoodSessionOptions): Promise<RobinhoodSession> {
  const target = { db: options.db, robinhoodUserId: options.robinhoodUserId, purpose: "work" as const };
  const stored = await withUserTransaction(target, async (tx, user) => {
    const row = await tx.user.findUnique({
      where: { id: user.id },
      select: {
        isDemo: true,
        credential: {
          select: {
            deviceToken: true,
            accessTokenEncrypted: true,
            refreshTokenEncrypted: true,
            accessTokenExpiresAt: true,
          },
        },
      },
    });
    const credential = row?.credential;
    if (!row || !credential) {
      throw new RobinhoodError({
        code: "session_expired",
        message: "no stored Robinhood credential for this user",
        userMessage: "Rollbook has no Robinhood sign-in for this account. Sign in to Robinhood again.",
      });
    }
    return { isDemo: row.isDemo, userId: user.id, ...credential };
  });

  const tokens = decryptTokens(stored);
  const client = createRobinhoodClient({
    ...options.client,
    baseUrl: options.baseUrl ?? robinhoodBaseUrl(stored.isDemo),
  });
  return client.createSession(tokens, {
    deviceToken: stored.deviceToken,
    onTokensRefreshed: (next) =>
      withUserTransaction(target, (tx, user) =>
        saveRobinhoodCredential(tx, user, { tokens: next, deviceToken: stored.deviceToken }),
      ),
  });
}

/** The demo account talks to the simulated Robinhood; everyone else to Robinhood. */
function robinhoodBaseUrl(isDemo: boolean): string {
  const env = getEnv();
  if (!isDemo) return env.ROBINHOOD_API_URL;
  if (!env.DEMO_ROBINHOOD_URL) {
    throw new Error("The demo account is unavailable: DEMO_ROBINHOOD_URL is not set.");
  }
  return env.DEMO_ROBINHOOD_URL;
}

function decryptTokens(stored: {
  userId: string;
  accessTokenEncrypted: string;
  refreshTokenEncrypted: string | null;
  accessTokenExpiresAt: Date | null;
}): RobinhoodTokens {
  const cipher = getTokenCipher();
  try {
    const expiresAt = stored.accessTokenExpiresAt ?? new Date(0);
    return {
      accessToken: cipher.decrypt(stored.accessTokenEncrypted, stored.userId),
      // Without a refresh token a rejected access token ends the session (refresh answers 400).
      refreshToken: stored.refreshTokenEncrypted
        ? cipher.decrypt(stored.refreshTokenEncrypted, stored.userId)
        : "",
      tokenType: "Bearer",
      scope: "internal",
      expiresIn: Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000)),
      expiresAt: expiresAt.toISOString(),
    };
  } catch (error) {
    throw new RobinhoodError({
      code: "session_expired",
      message: "the stored Robinhood credential could not be decrypted",
      userMessage: "Rollbook could not use the saved Robinhood sign-in. Sign in to Robinhood again.",
      cause: error,
    });
  }
}
