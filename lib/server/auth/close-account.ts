import "server-only";
import { deleteAccount } from "@/lib/server/accounts/delete-account";
import { endSession } from "./end-session";

/** Deletes the signed-in user's account and every row they own, then ends the browser's session. */
export async function closeAccount(options: { robinhoodUserId: string }): Promise<void> {
  await deleteAccount({ robinhoodUserId: options.robinhoodUserId });
  await endSession();
}
