import "server-only";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import {
  openSessionToRevoke,
  type RevokeOptions,
  revokeBestEffort,
} from "@/lib/server/credentials/revoke-robinhood-tokens";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { endSession } from "./end-session";

/**
 * Deletes the signed-in user's account and every row they own, asks Robinhood to revoke the tokens
 * Rollbook held (best effort, bounded, after the deletion committed: a Robinhood that is down never
 * blocks it), then ends the browser's session.
 */
export async function closeAccount(options: { robinhoodUserId: string; db?: Database }): Promise<void> {
  await deleteAccountAndRevoke(options);
  await endSession();
}

/** The deletion and the revoke, without the browser's cookie: what closeAccount does on the server. */
export async function deleteAccountAndRevoke(
  options: RevokeOptions,
): Promise<{ deleted: boolean; revoked: boolean }> {
  // Decrypted before the deletion removes the credential; nothing is sent yet.
  const session = await openSessionToRevoke(options);
  const { deleted } = await deleteAccount(options);
  const revoked = await revokeBestEffort(session, userIdFromRobinhoodUserId(options.robinhoodUserId));
  return { deleted, revoked };
}
