import "server-only";
import { getEnv } from "@/lib/env";
import type { RobinhoodClient, RobinhoodSession, RobinhoodTokens } from "@/lib/robinhood/client";
import { saveRobinhoodCredential } from "@/lib/server/credentials/save-robinhood-credential";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { type ScopedUser, withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { scheduleUserSync } from "@/lib/server/scheduled-sync/schedule-user-sync";
import { issueSignInTicket } from "./sign-in-ticket";

export type CompleteRobinhoodSignInOptions = {
  client: RobinhoodClient;
  tokens: RobinhoodTokens;
  deviceToken: string;
  isDemo?: boolean;
  db?: Database;
  /** Clock, injectable for tests. */
  now?: Date;
};

export type CompletedSignIn = { user: ScopedUser; session: RobinhoodSession };

/**
 * The last step of every sign-in, once Robinhood has answered with tokens: find out who this is, and
 * upsert the user, store the tokens encrypted and put a Robinhood user on the sync schedule (due at
 * once; a sign-in also ends "reconnect needed") in one transaction. The caller then issues the
 * ticket (`signInTicketFor`) when it is ready to start the session.
 */
export async function completeRobinhoodSignIn(
  options: CompleteRobinhoodSignInOptions,
): Promise<CompletedSignIn> {
  const session = options.client.createSession(options.tokens);
  const robinhoodUser = await session.getUser();
  const displayName =
    [robinhoodUser.first_name, robinhoodUser.last_name].filter(Boolean).join(" ").trim() || null;
  const user = await withUserTransaction(
    {
      db: options.db,
      robinhoodUserId: robinhoodUser.id,
      purpose: "sign-in",
      profile: { username: robinhoodUser.username, displayName, isDemo: options.isDemo ?? false },
    },
    async (tx, scoped) => {
      await saveRobinhoodCredential(tx, scoped, {
        tokens: session.tokens(),
        deviceToken: options.deviceToken,
      });
      if (!options.isDemo) await scheduleUserSync(tx, scoped, options.now ?? new Date());
      return scoped;
    },
  );
  return { user, session };
}

/** The one-minute, one-time ticket that the "ticket" provider turns into a Rollbook session. */
export function signInTicketFor(user: ScopedUser): string {
  return issueSignInTicket(
    { userId: user.id, robinhoodUserId: user.robinhoodUserId },
    { secret: getEnv().NEXTAUTH_SECRET },
  );
}
