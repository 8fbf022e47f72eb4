import "server-only";
import { getEnv } from "@/lib/env";
import { createRobinhoodClient } from "@/lib/robinhood/client";
import { completeRobinhoodSignIn, signInTicketFor } from "@/lib/server/auth/complete-robinhood-sign-in";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { syncUser } from "@/lib/server/sync/sync-user";
import { demoIsFresh } from "./demo-is-fresh";

/** The simulated Robinhood's demo user (docs/SIMULATOR.md). Not a secret: it only opens fake data. */
export const DEMO_CREDENTIALS = { username: "demo@rollbook.dev", password: "rollbook-demo" } as const;
/** One fixed device for the demo, so the simulator sees the same "browser" every time. */
const DEMO_DEVICE_TOKEN = "d3e0d3e0-0000-4000-8000-00000000d3e0";

export class DemoNotConfiguredError extends Error {
  constructor() {
    super(
      "The demo account is not available on this server: DEMO_ROBINHOOD_URL is not set. " +
        "`npm run dev` starts the simulated Robinhood and sets it for you.",
    );
    this.name = "DemoNotConfiguredError";
  }
}

export type OpenDemoAccountOptions = { db?: Database; now?: Date };
export type OpenedDemoAccount = { ticket: string; synced: boolean };

/**
 * Signs in to the simulated Robinhood as the demo user, stores the credential like any sign-in,
 * syncs and recomputes (unless a sync finished in the last few minutes), and returns the ticket that
 * starts the Rollbook session. The ticket is issued last, so a slow sync cannot outlive it.
 */
export async function openDemoAccount(options: OpenDemoAccountOptions = {}): Promise<OpenedDemoAccount> {
  const baseUrl = getEnv().DEMO_ROBINHOOD_URL;
  if (!baseUrl) throw new DemoNotConfiguredError();
  const client = createRobinhoodClient({ baseUrl });
  const outcome = await client.login({ ...DEMO_CREDENTIALS, deviceToken: DEMO_DEVICE_TOKEN });
  if (outcome.kind !== "authenticated") {
    throw new Error(`The demo Robinhood asked for an extra sign-in step (${outcome.kind})`);
  }
  const { user, session } = await completeRobinhoodSignIn({
    client,
    tokens: outcome.tokens,
    deviceToken: DEMO_DEVICE_TOKEN,
    isDemo: true,
    db: options.db,
  });
  const now = options.now ?? new Date();
  const fresh = await demoIsFresh({ robinhoodUserId: user.robinhoodUserId, db: options.db, now });
  if (!fresh) {
    await syncUser({ robinhoodUserId: user.robinhoodUserId, session, db: options.db, now });
    await recomputeUserPnl({ robinhoodUserId: user.robinhoodUserId, trigger: "demo", db: options.db, now });
  }
  return { ticket: signInTicketFor(user), synced: !fresh };
}
