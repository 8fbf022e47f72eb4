import "server-only";
import { isRobinhoodError } from "@/lib/robinhood/client";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";

const INTERNAL = "The sync failed because of an internal error. Try again later.";

/**
 * The text stored in `sync_states.last_error` and shown to the user. Only messages written for users
 * are passed through: a RobinhoodError's user message (which never holds a token, a password or a
 * response body) and the account-deleted notice. Anything else gets a generic line.
 */
export function describeSyncError(error: unknown): string {
  if (isRobinhoodError(error)) return error.userMessage;
  if (error instanceof AccountDeletedError) return error.message;
  return INTERNAL;
}
