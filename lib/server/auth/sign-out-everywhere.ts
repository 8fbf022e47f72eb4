import "server-only";
import { disconnectRobinhood } from "@/lib/server/credentials/disconnect-robinhood";
import { endSession } from "./end-session";
import type { SessionUser } from "./require-user";
import { endAllSessions } from "./session-version";

/**
 * Ends every session of the user, on every device and browser, then clears this browser's cookie.
 * Both "Sign out" and Settings' "Sign out everywhere" do this: a session is a signed token that the
 * browser holds, and one copied from this browser must stop working too, which only changing the
 * user's session version achieves. Rollbook's Robinhood tokens go too: forgotten here and revoked at
 * Robinhood (best effort), so scheduled syncs stop until the next sign-in. Without a current session
 * there is nothing to end on the server.
 */
export async function signOutEverywhere(user: SessionUser | null): Promise<void> {
  if (user) {
    await endAllSessions(user.id);
    await disconnectRobinhood({ robinhoodUserId: user.robinhoodUserId });
  }
  await endSession();
}
