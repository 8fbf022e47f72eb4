import { type TokenResponse, tokenResponseSchema } from "../schemas/auth";
import type { ClientContext } from "./context";
import { RobinhoodError } from "./errors";
import { errorDetail, expectOk } from "./responses";
import { send } from "./transport";

/**
 * What a caller persists (encrypted) after a login. Holds secrets: never log it or send it to a
 * browser.
 */
export interface RobinhoodTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  scope: string;
  /** Lifetime the server granted, in seconds. */
  expiresIn: number;
  /** ISO timestamp computed from the client's clock when the token arrived. */
  expiresAt: string;
  /** `user_uuid` from the token response when present (the same id as `/user/` `id`). */
  userId?: string;
}

export function tokensFromResponse(body: TokenResponse, now: number): RobinhoodTokens {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    tokenType: body.token_type,
    scope: body.scope,
    expiresIn: body.expires_in,
    expiresAt: new Date(now + body.expires_in * 1000).toISOString(),
    ...(body.user_uuid ? { userId: body.user_uuid } : {}),
  };
}

export interface RefreshTokensOptions {
  refreshToken: string;
  /** Sent when known; whether Robinhood still needs it after 2024 is not settled (§8.3). */
  deviceToken?: string;
  signal?: AbortSignal;
}

/** §1.4 refresh-token grant. Returns a new access token and a new refresh token. */
export async function refreshTokens(
  ctx: ClientContext,
  options: RefreshTokensOptions,
): Promise<RobinhoodTokens> {
  const form: Record<string, string> = {
    grant_type: "refresh_token",
    refresh_token: options.refreshToken,
    scope: "internal",
    client_id: ctx.clientId,
    expires_in: String(ctx.tokenLifetimeSeconds),
  };
  if (options.deviceToken) form.device_token = options.deviceToken;
  const response = await send(ctx.transport, {
    method: "POST",
    path: "/oauth2/token/",
    form,
    signal: options.signal,
  });
  if (response.status === 400 || response.status === 401) {
    // An unknown, used or revoked refresh token: only a new sign-in helps.
    const detail = errorDetail(response.body);
    throw new RobinhoodError({
      code: "session_expired",
      message: `refresh token was refused (HTTP ${response.status})`,
      endpoint: response.endpoint,
      status: response.status,
      detail: detail === undefined ? undefined : response.redact(detail),
    });
  }
  return tokensFromResponse(expectOk(tokenResponseSchema, response), ctx.runtime.now());
}

/** §1.5 revokes a refresh token (and the access tokens issued with it). Success is an empty body. */
export async function revokeToken(
  ctx: ClientContext,
  options: { refreshToken: string; signal?: AbortSignal },
): Promise<void> {
  const response = await send(ctx.transport, {
    method: "POST",
    path: "/oauth2/revoke_token/",
    form: { client_id: ctx.clientId, token: options.refreshToken },
    signal: options.signal,
  });
  if (response.status < 200 || response.status >= 300) {
    const detail = errorDetail(response.body);
    throw new RobinhoodError({
      code: response.status === 401 ? "session_expired" : "bad_request",
      message: `revoking the token failed (HTTP ${response.status})`,
      endpoint: response.endpoint,
      status: response.status,
      detail: detail === undefined ? undefined : response.redact(detail),
    });
  }
}
