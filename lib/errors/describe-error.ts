import { isRobinhoodError } from "@/lib/robinhood/client/errors";
import { AppError, type AppErrorCode, INTERNAL_ERROR_MESSAGE, isAppError } from "./app-error";

export type UserMessageOptions = {
  /** What to say when the error is not an AppError (its text is never shown). */
  fallback?: string;
  /** Sign-in steps say how many code attempts are left and how long Robinhood asks to wait. */
  during?: "sign-in";
  /** An adapter's own wording for some codes ("Sign in again to delete your account."). */
  overrides?: Partial<Record<AppErrorCode, string>>;
};

/**
 * The one translation from an error to text a user may see. An AppError (Robinhood's included) says
 * its own `userMessage`; anything else gets the fallback, so internals never reach a page, a form or
 * `sync_states.last_error`.
 */
export function userMessageOf(error: unknown, options: UserMessageOptions = {}): string {
  if (!isAppError(error)) return options.fallback ?? INTERNAL_ERROR_MESSAGE;
  const override = options.overrides?.[error.code];
  if (override !== undefined) return override;
  if (options.during === "sign-in" && isRobinhoodError(error)) {
    if (error.code === "invalid_code" && error.remainingAttempts !== undefined) {
      const left = error.remainingAttempts;
      return `${error.userMessage} ${left} attempt${left === 1 ? "" : "s"} left.`;
    }
    if (error.code === "throttled" && error.retryAfterSeconds !== undefined) {
      return `Robinhood is limiting sign-in attempts. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    }
  }
  return error.userMessage;
}

/**
 * A command's step failed: an AppError of `code` whose message puts what was done before in front of
 * the cause's own user message ("Sync failed: Robinhood could not be reached. …"), keeping the cause.
 */
export function stepFailed(
  code: AppErrorCode,
  options: { prefix: string; cause: unknown; fallback?: string },
): AppError {
  const fallback = options.fallback ?? "an internal error occurred. Try again later.";
  return new AppError(code, {
    message: `${options.prefix} (${errorName(options.cause)})`,
    userMessage: `${options.prefix} ${userMessageOf(options.cause, { fallback })}`,
    responseStatus: isAppError(options.cause) ? options.cause.responseStatus : 500,
    cause: options.cause,
  });
}

export type LoggedError = { name: string; code?: string; message: string; cause?: LoggedError } | string;

/**
 * What a log line keeps of an error: names, codes and messages down the cause chain, no stack (a
 * stack or a request-bound message could quote form data). Messages of AppErrors never hold secrets.
 */
export function errorForLog(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const logged: LoggedError = { name: error.name, message: error.message };
  if (typeof code === "string") logged.code = code;
  if (error.cause !== undefined && depth < 4) logged.cause = errorForLog(error.cause, depth + 1);
  return logged;
}

/** True when the error, or an error it reports, is not an AppError: a bug or an outage to look at. */
export function isUnexpected(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8; depth++) {
    if (!isAppError(current)) return true;
    if (current.cause === undefined) return current.code === "internal";
    current = current.cause;
  }
  return true;
}

function errorName(error: unknown): string {
  return isAppError(error) ? error.code : error instanceof Error ? error.name : typeof error;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.ceil(seconds))} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
