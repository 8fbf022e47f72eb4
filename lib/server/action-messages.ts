import "server-only";
import { isRobinhoodError } from "@/lib/robinhood/client";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";
import { logger } from "@/lib/server/logger";

/**
 * What a form tells the user about a failure: Robinhood's and the account's own messages as they
 * are, anything else logged and replaced by a generic sentence (internals never reach the page).
 */
export function userMessageOf(error: unknown, action: string): string {
  if (isRobinhoodError(error)) return error.userMessage;
  if (error instanceof AccountDeletedError) return error.message;
  logger.error(
    { err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
    `${action} failed`,
  );
  return "an internal error occurred. Try again later.";
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
