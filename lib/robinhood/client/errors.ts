import { AppError } from "@/lib/errors/app-error";

/**
 * Every failure the client reports is a `RobinhoodError`. `code` is for program logic, `userMessage`
 * is safe to show in the UI, and `message` adds technical context (endpoint, status, field path).
 * Neither ever contains a token, a password or a request body.
 */
export type RobinhoodErrorCode =
  | "invalid_credentials"
  | "invalid_code"
  | "challenge_failed"
  | "verification_timeout"
  | "login_failed"
  | "session_expired"
  | "forbidden"
  | "not_found"
  | "bad_request"
  | "throttled"
  | "server_error"
  | "timeout"
  | "network_error"
  | "invalid_response"
  | "aborted";

const USER_MESSAGES: Record<RobinhoodErrorCode, string> = {
  invalid_credentials: "Robinhood did not accept this username and password.",
  invalid_code: "That verification code was not accepted. Check the code and try again.",
  challenge_failed: "Robinhood did not approve this sign-in. Start the sign-in again.",
  verification_timeout: "The sign-in was not approved in time. Start the sign-in again.",
  login_failed: "Robinhood refused the sign-in.",
  session_expired: "Your Robinhood session has expired. Sign in to Robinhood again.",
  forbidden: "Robinhood refused access to this data.",
  not_found: "Robinhood could not find the requested data.",
  bad_request: "Robinhood rejected the request.",
  throttled: "Robinhood is limiting requests right now. Try again later.",
  server_error: "Robinhood is having problems right now. Try again later.",
  timeout: "Robinhood did not answer in time. Try again later.",
  network_error: "Robinhood could not be reached. Check the connection and try again.",
  invalid_response: "Robinhood sent data Rollbook could not read.",
  aborted: "The request to Robinhood was cancelled.",
};

export interface RobinhoodErrorOptions {
  code: RobinhoodErrorCode;
  /** Technical description; must not include secrets. */
  message: string;
  /** `METHOD /path/` of the failing call, without the query string. */
  endpoint?: string;
  status?: number;
  /** The server's `detail` text, when it sent one. */
  detail?: string;
  /** Seconds the server asked us to wait (429). */
  retryAfterSeconds?: number;
  /** Attempts made, including retries. */
  attempts?: number;
  /** Left on a challenge after a wrong code. */
  remainingAttempts?: number;
  userMessage?: string;
  cause?: unknown;
}

/** The HTTP status a Rollbook route answers with when Robinhood failed this way. */
function responseStatusOf(code: RobinhoodErrorCode): number {
  switch (code) {
    case "invalid_credentials":
    case "invalid_code":
    case "challenge_failed":
    case "verification_timeout":
    case "login_failed":
    case "session_expired":
      return 401;
    case "throttled":
      return 429;
    case "timeout":
      return 504;
    default:
      return 502;
  }
}

/** An `AppError` whose code is one of Robinhood's; `message` names the endpoint, `userMessage` does not. */
export class RobinhoodError extends AppError {
  override name = "RobinhoodError";
  declare readonly code: RobinhoodErrorCode;
  readonly endpoint: string | undefined;
  /** Robinhood's HTTP status (not `responseStatus`, the one Rollbook answers with). */
  readonly status: number | undefined;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly attempts: number | undefined;
  readonly remainingAttempts: number | undefined;

  constructor(options: RobinhoodErrorOptions) {
    const where = options.endpoint ? `${options.endpoint}: ` : "";
    super(options.code, {
      message: `${where}${options.message}`,
      userMessage: options.userMessage ?? USER_MESSAGES[options.code],
      responseStatus: responseStatusOf(options.code),
      cause: options.cause,
    });
    this.endpoint = options.endpoint;
    this.status = options.status;
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.attempts = options.attempts;
    this.remainingAttempts = options.remainingAttempts;
  }
}

export function isRobinhoodError(error: unknown, code?: RobinhoodErrorCode): error is RobinhoodError {
  return error instanceof RobinhoodError && (code === undefined || error.code === code);
}
