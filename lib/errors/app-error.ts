import type { RobinhoodErrorCode } from "@/lib/robinhood/client/errors";

/**
 * The closed list of failures domain code reports. Each code is stable (tests, logs and JSON answers
 * name it) and has a default user-safe message and HTTP status below; Robinhood's own codes are part
 * of the list because `RobinhoodError` is an `AppError`.
 */
export type AppErrorCode =
  | RobinhoodErrorCode
  /** No session, or one that ended (signed out elsewhere, account deleted). */
  | "unauthorized"
  /** A form, body or search parameter failed its zod schema. */
  | "invalid_input"
  | "account_deleted"
  | "demo_disabled"
  | "demo_not_configured"
  | "demo_unavailable"
  | "sign_in_code_expired"
  | "sign_in_step_stale"
  | "sign_in_denied"
  | "sign_in_prompt_expired"
  | "csv_unreadable"
  | "credential_unreadable"
  | "import_not_found"
  /** The import's worker thread reached its memory cap; nothing was written. */
  | "import_out_of_memory"
  /** A command's step failed; the cause says why and the message says what was done before it. */
  | "sync_failed"
  | "import_failed"
  | "import_removal_failed"
  | "recompute_failed"
  /** Anything that is not an AppError, once an adapter has caught it. */
  | "internal";

export const INTERNAL_ERROR_MESSAGE = "An internal error occurred. Try again later.";

/** Defaults for the codes Rollbook raises itself; `RobinhoodError` brings its own. */
const DEFAULTS: Partial<Record<AppErrorCode, { status: number; userMessage: string }>> = {
  unauthorized: { status: 401, userMessage: "Your session ended. Sign in again." },
  invalid_input: { status: 400, userMessage: "Check the form and try again." },
  account_deleted: {
    status: 410,
    userMessage: "This Rollbook account was deleted. Sign in again to start a new one.",
  },
  import_not_found: {
    status: 404,
    userMessage: "That import does not exist (it may have been removed already).",
  },
  import_out_of_memory: {
    status: 413,
    userMessage:
      "The file needed more memory than one import may use, so nothing was imported. Export shorter date ranges and import each file.",
  },
  internal: { status: 500, userMessage: INTERNAL_ERROR_MESSAGE },
};

export type AppErrorOptions = {
  /** For logs: may name ids and technical detail, never a token or password. Defaults to the user message. */
  message?: string;
  /** Safe to show as is. Defaults to the code's default, else the internal-error sentence. */
  userMessage?: string;
  /** The HTTP status a route handler answers with. Defaults to the code's default, else 500. */
  responseStatus?: number;
  /** The error this one reports, kept for logs (never shown). */
  cause?: unknown;
};

/**
 * The one error family of domain code (in the spirit of Documenso's AppError): a stable `code`, a
 * `userMessage` written for the person using Rollbook, an HTTP `responseStatus` hint and the `cause` for logs.
 * Adapters (lib/server/handlers) turn it into form state or a JSON answer; anything that is not an
 * AppError becomes `internal`, logged, with a generic sentence.
 */
export class AppError extends Error {
  override name = "AppError";
  readonly code: AppErrorCode;
  readonly userMessage: string;
  /** The HTTP status an adapter answers with (a hint: a form shows the message instead). */
  readonly responseStatus: number;

  constructor(code: AppErrorCode, options: AppErrorOptions = {}) {
    const defaults = DEFAULTS[code];
    const userMessage = options.userMessage ?? defaults?.userMessage ?? INTERNAL_ERROR_MESSAGE;
    super(options.message ?? userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.userMessage = userMessage;
    this.responseStatus = options.responseStatus ?? defaults?.status ?? 500;
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** The error as an AppError: itself, or `internal` with it as the cause. */
export function toAppError(error: unknown): AppError {
  return isAppError(error) ? error : new AppError("internal", { message: "unexpected error", cause: error });
}
