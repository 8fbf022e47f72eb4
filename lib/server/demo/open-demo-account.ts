import "server-only";
import { getEnv } from "@/lib/env";
import { stepFailed } from "@/lib/errors/describe-error";
import { newDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { createRobinhoodClient, isRobinhoodError } from "@/lib/robinhood/client";
import { signInTicketFor } from "@/lib/server/auth/complete-robinhood-sign-in";
import { saveRobinhoodCredential } from "@/lib/server/credentials/save-robinhood-credential";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { syncUser } from "@/lib/server/sync/sync-user";
import { DemoDisabledError, DemoNotConfiguredError } from "./demo-errors";

/** The simulated Robinhood's demo user (docs/SIMULATOR.md). Not a secret: it only opens fake data. */
export const DEMO_CREDENTIALS = { username: "demo@rollbook.dev", password: "rollbook-demo" } as const;
/** One fixed device for the demo, so the simulator sees the same "browser" every time. */
const DEMO_DEVICE_TOKEN = "d3e0d3e0-0000-4000-8000-00000000d3e0";
/** How long a visitor's demo account lives; the cron deletes it after that. */
export const DEMO_ACCOUNT_LIFETIME_MS = 2 * 60 * 60_000;

export type OpenDemoAccountOptions = {
  db?: Database;
  /** The present: the sync's "today" and the start of the account's lifetime. Defaults to the clock. */
  now?: Date;
  /** Overrides DEMO_ROBINHOOD_URL (tests start their own simulator). */
  baseUrl?: string;
};
export type OpenedDemoAccount = { ticket: string; robinhoodUserId: string; expiresAt: Date };

/**
 * Opens a demo account of the visitor's own: signs in to the simulated Robinhood as the demo trader,
 * creates a new user under a random demo identity (`demo:<uuid>`) with the credential and its expiry,
 * syncs the simulated history into it and computes P&L, and returns the ticket that starts the
 * Rollbook session. Nothing is shared with other visitors but the simulated market data. The ticket
 * is issued last, so a slow sync cannot outlive it.
 */
export async function openDemoAccount(options: OpenDemoAccountOptions = {}): Promise<OpenedDemoAccount> {
  const env = getEnv();
  if (!env.DEMO_ENABLED) throw new DemoDisabledError();
  const baseUrl = options.baseUrl ?? env.DEMO_ROBINHOOD_URL;
  if (!baseUrl) throw new DemoNotConfiguredError();
  try {
    return await openWith(baseUrl, options);
  } catch (error) {
    // Robinhood's own sentence, said as the demo's: "The demo account could not be opened: …".
    if (isRobinhoodError(error)) {
      throw stepFailed("demo_unavailable", { prefix: "The demo account could not be opened:", cause: error });
    }
    throw error;
  }
}

async function openWith(baseUrl: string, options: OpenDemoAccountOptions): Promise<OpenedDemoAccount> {
  const client = createRobinhoodClient({ baseUrl });
  const outcome = await client.login({ ...DEMO_CREDENTIALS, deviceToken: DEMO_DEVICE_TOKEN });
  if (outcome.kind !== "authenticated") {
    throw new Error(`The demo Robinhood asked for an extra sign-in step (${outcome.kind})`);
  }
  const session = client.createSession(outcome.tokens);
  const simulated = await session.getUser();
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + DEMO_ACCOUNT_LIFETIME_MS);

  const user = await withUserTransaction(
    {
      db: options.db,
      robinhoodUserId: newDemoRobinhoodUserId(),
      purpose: "sign-in",
      profile: {
        username: simulated.username,
        displayName: [simulated.first_name, simulated.last_name].filter(Boolean).join(" ").trim() || null,
        isDemo: true,
      },
    },
    async (tx, scoped) => {
      await saveRobinhoodCredential(tx, scoped, { tokens: session.tokens(), deviceToken: DEMO_DEVICE_TOKEN });
      await tx.demoAccount.create({
        data: { userId: scoped.id, robinhoodUserId: scoped.robinhoodUserId, expiresAt },
      });
      return scoped;
    },
  );
  await syncUser({ robinhoodUserId: user.robinhoodUserId, session, db: options.db, now, trigger: "demo" });
  await recomputeUserPnl({ robinhoodUserId: user.robinhoodUserId, trigger: "demo", db: options.db, now });
  return { ticket: signInTicketFor(user), robinhoodUserId: user.robinhoodUserId, expiresAt };
}
