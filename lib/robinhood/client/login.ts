import {
  type ChallengeBody,
  challengeTypeRequiredResponseSchema,
  legacyChallengeResponseSchema,
  mfaRequiredResponseSchema,
  tokenResponseSchema,
  verificationWorkflowResponseSchema,
} from "../schemas/auth";
import type { ClientContext } from "./context";
import { RobinhoodError } from "./errors";
import { errorDetail, parseBody } from "./responses";
import { type RobinhoodTokens, tokensFromResponse } from "./tokens";
import { type HttpResponse, send } from "./transport";
import { type PendingVerification, startVerification } from "./verification";

/** What the sign-in form collects, plus the persisted device token (see `generateDeviceToken`). */
export interface LoginCredentials {
  username: string;
  password: string;
  deviceToken: string;
}

export interface LegacyChallenge {
  id: string;
  type: string;
  status: string;
  remainingAttempts: number;
  expiresAt: string;
}

/**
 * The result of one sign-in step. Every variant is plain data, so a stateless UI can keep it
 * between requests and call the matching continuation on the client.
 */
export type LoginOutcome =
  | { kind: "authenticated"; tokens: RobinhoodTokens }
  /** Legacy account MFA: ask for the code, then `submitMfaCode`. */
  | { kind: "mfa_required"; mfaType: "sms" | "app" }
  /** Legacy challenge: the user picks a channel, then `requestChallenge`. */
  | { kind: "challenge_type_required"; challengeTypes: string[] }
  /** Legacy challenge: a code was sent by SMS or e-mail; then `submitChallengeCode`. */
  | { kind: "challenge_required"; challenge: LegacyChallenge }
  /**
   * Device verification workflow (Dec 2024 onward). For `prompt`, the user approves in the
   * Robinhood app (`waitForVerificationApproval` or `checkVerificationPrompt`); for `sms`, `email`
   * and `app`, they type a code (`submitVerificationCode`).
   */
  | { kind: "verification_required"; verification: PendingVerification };

export interface PasswordGrantExtras {
  mfaCode?: string;
  challengeType?: string;
  challengeResponseId?: string;
  signal?: AbortSignal;
}

export function toLegacyChallenge(body: ChallengeBody): LegacyChallenge {
  return {
    id: body.id,
    type: body.type,
    status: body.status,
    remainingAttempts: body.remaining_attempts,
    expiresAt: body.expires_at,
  };
}

function hasKey(body: unknown, key: string): boolean {
  return typeof body === "object" && body !== null && key in body;
}

function loginError(response: HttpResponse, extras: PasswordGrantExtras): RobinhoodError {
  const raw = errorDetail(response.body);
  const detail = raw === undefined ? undefined : response.redact(raw);
  const base = { endpoint: response.endpoint, status: response.status, detail };
  if (extras.mfaCode && detail && /\bcode\b/i.test(detail)) {
    return new RobinhoodError({ ...base, code: "invalid_code", message: "the MFA code was refused" });
  }
  const refusedCredentials =
    hasKey(response.body, "non_field_errors") ||
    (detail !== undefined && /credential|password|log ?in/i.test(detail));
  if ((response.status === 400 || response.status === 401) && refusedCredentials) {
    return new RobinhoodError({
      ...base,
      code: "invalid_credentials",
      message: "username or password refused",
    });
  }
  return new RobinhoodError({
    ...base,
    code: "login_failed",
    message: `sign-in refused (HTTP ${response.status}${detail ? `: ${detail}` : ""})`,
  });
}

/**
 * §1.1–1.2: the password grant. The answer is classified by its body keys, not its status,
 * because Robinhood has used 200, 400 and 403 for the same follow-up steps.
 */
export async function passwordGrant(
  ctx: ClientContext,
  credentials: LoginCredentials,
  extras: PasswordGrantExtras = {},
): Promise<LoginOutcome> {
  // Re-posts after a challenge must be identical, so nothing random goes into this body.
  const form: Record<string, string> = {
    grant_type: "password",
    client_id: ctx.clientId,
    username: credentials.username,
    password: credentials.password,
    scope: "internal",
    expires_in: String(ctx.tokenLifetimeSeconds),
    device_token: credentials.deviceToken,
    token_request_path: "/login",
    create_read_only_secondary_token: "true",
    try_passkeys: "false",
  };
  if (extras.mfaCode) form.mfa_code = extras.mfaCode;
  if (extras.challengeType) form.challenge_type = extras.challengeType;
  const headers: Record<string, string> = {};
  if (extras.challengeResponseId) headers["X-ROBINHOOD-CHALLENGE-RESPONSE-ID"] = extras.challengeResponseId;

  const response = await send(ctx.transport, {
    method: "POST",
    path: "/oauth2/token/",
    form,
    headers,
    signal: extras.signal,
  });
  const { body } = response;

  if (hasKey(body, "access_token") && response.status < 300) {
    return {
      kind: "authenticated",
      tokens: tokensFromResponse(parseBody(tokenResponseSchema, response), ctx.runtime.now()),
    };
  }
  if (hasKey(body, "verification_workflow")) {
    const workflow = parseBody(verificationWorkflowResponseSchema, response).verification_workflow;
    const verification = await startVerification(ctx, {
      deviceToken: credentials.deviceToken,
      workflowId: workflow.id,
      signal: extras.signal,
    });
    return { kind: "verification_required", verification };
  }
  if (hasKey(body, "mfa_required")) {
    return { kind: "mfa_required", mfaType: parseBody(mfaRequiredResponseSchema, response).mfa_type };
  }
  if (hasKey(body, "challenge")) {
    const parsed = parseBody(legacyChallengeResponseSchema, response);
    return { kind: "challenge_required", challenge: toLegacyChallenge(parsed.challenge) };
  }
  if (hasKey(body, "accept_challenge_types")) {
    const types = parseBody(challengeTypeRequiredResponseSchema, response).accept_challenge_types;
    return { kind: "challenge_type_required", challengeTypes: Object.keys(types) };
  }
  if (response.status >= 200 && response.status < 300) {
    throw new RobinhoodError({
      code: "invalid_response",
      message: "sign-in answer has no token and no follow-up step",
      endpoint: response.endpoint,
      status: response.status,
    });
  }
  throw loginError(response, extras);
}
