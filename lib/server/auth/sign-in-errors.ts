import "server-only";
import { isRobinhoodError } from "@/lib/robinhood/client";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";
import { logger } from "@/lib/server/logger";

export type SignInFailure = {
  message: string;
  /** True when this sign-in cannot continue and the password must be entered again. */
  restart: boolean;
};

const RESTART_CODES = new Set(["challenge_failed", "verification_timeout", "session_expired"]);

/** A clear, user-safe message for anything a sign-in step can throw. Never echoes secrets. */
export function describeSignInFailure(error: unknown): SignInFailure {
  if (isRobinhoodError(error)) {
    let message = error.userMessage;
    if (error.code === "invalid_code" && error.remainingAttempts !== undefined) {
      const left = error.remainingAttempts;
      message = `${message} ${left} attempt${left === 1 ? "" : "s"} left.`;
    }
    if (error.code === "throttled" && error.retryAfterSeconds !== undefined) {
      message = `Robinhood is limiting sign-in attempts. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    }
    return { message, restart: RESTART_CODES.has(error.code) };
  }
  if (error instanceof AccountDeletedError) return { message: error.message, restart: true };
  logger.error({ err: errorSummary(error) }, "sign-in step failed");
  return { message: "Something went wrong while signing in. Try again.", restart: true };
}

/** The sign-in limits refused an attempt before it reached Robinhood. */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.ceil(seconds))} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** Name and message only: a stack or cause could quote request data. */
function errorSummary(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message } : { value: String(error) };
}
