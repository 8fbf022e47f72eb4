import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { isRobinhoodError } from "@/lib/robinhood/client";

/** Failures of a sign-in step that Rollbook decides itself, before or without asking Robinhood. */
export const signInRefusals = {
  codeExpired: () =>
    new AppError("sign_in_code_expired", {
      userMessage: "That verification code has expired. Sign in again to get a new one.",
      responseStatus: 400,
    }),
  stepStale: () =>
    new AppError("sign_in_step_stale", {
      userMessage: "This sign-in step is out of date. Enter your password again.",
      responseStatus: 409,
    }),
  promptRefused: (status: "denied" | "expired") =>
    status === "denied"
      ? new AppError("sign_in_denied", {
          userMessage: "The sign-in was denied in the Robinhood app. Sign in again if that was a mistake.",
          responseStatus: 401,
        })
      : new AppError("sign_in_prompt_expired", {
          userMessage: "The approval request in the Robinhood app expired. Sign in again to get a new one.",
          responseStatus: 401,
        }),
};

/** The sign-in limits refused an attempt before it reached Robinhood: how many whole minutes to wait. */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

const RESTART_CODES = new Set(["challenge_failed", "verification_timeout", "session_expired"]);

/**
 * Whether the sign-in must start over at the password: yes for everything but a Robinhood answer
 * the user can act on in the same step (a mistyped code, a refused password, a throttled moment).
 */
export function mustRestartSignIn(error: unknown): boolean {
  return !isRobinhoodError(error) || RESTART_CODES.has(error.code);
}
