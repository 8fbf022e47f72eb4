import { detail, field, json, type SimRequest, type SimResponse } from "../server/http-types";
import type { SimulatedUser } from "../users";
import type { AuthState } from "./auth-state";
import { challengeJson } from "./challenge-json";
import { verifyTotp } from "./totp";

const BAD_CREDENTIALS = detail(400, "Unable to log in with provided credentials.");

function success(
  state: AuthState,
  user: SimulatedUser,
  deviceToken: string,
  body: Record<string, unknown>,
): SimResponse {
  const requested = Number.parseInt(field(body, "expires_in") ?? "", 10);
  const tokens = state.issueTokens(
    user.username,
    deviceToken,
    Number.isFinite(requested) ? requested : undefined,
  );
  return json(200, {
    access_token: tokens.accessToken,
    backup_code: null,
    expires_in: tokens.lifetime,
    mfa_code: field(body, "mfa_code") ?? null,
    refresh_token: tokens.refreshToken,
    scope: "internal",
    token_type: "Bearer",
  });
}

function codeMatches(state: AuthState, flow: { code?: string; totpSecret?: string }, code: string): boolean {
  if (flow.totpSecret && verifyTotp(flow.totpSecret, code, state.now())) return true;
  return flow.code !== undefined && flow.code === code;
}

function passwordGrant(state: AuthState, request: SimRequest): SimResponse {
  const { body } = request;
  const missing = ["username", "password", "client_id", "device_token"].filter((name) => !field(body, name));
  // Since 2019 a token request without device_token is a 400 (§6).
  if (missing.length > 0)
    return json(400, Object.fromEntries(missing.map((name) => [name, ["This field is required."]])));
  const user = state.findUser(field(body, "username") ?? "");
  if (!user || user.password !== field(body, "password")) return BAD_CREDENTIALS;
  const deviceToken = field(body, "device_token") ?? "";
  const flow = user.flow;

  switch (flow.kind) {
    case "direct":
      return success(state, user, deviceToken, body);
    case "legacy_mfa": {
      const code = field(body, "mfa_code");
      if (!code) return json(200, { mfa_required: true, mfa_type: flow.mfaType });
      if (!codeMatches(state, flow, code)) return detail(400, "Please enter a valid code.");
      return success(state, user, deviceToken, body);
    }
    case "legacy_challenge": {
      const answered = request.headers["x-robinhood-challenge-response-id"];
      if (typeof answered === "string" && answered) {
        const challenge = state.challenge(answered);
        if (
          !challenge ||
          challenge.username !== user.username ||
          challenge.status !== "validated" ||
          challenge.consumed
        ) {
          return detail(400, "Challenge response is invalid.");
        }
        challenge.consumed = true;
        return success(state, user, deviceToken, body);
      }
      const type = field(body, "challenge_type");
      if (!type) {
        return json(400, {
          detail: "Request blocked, challenge type required.",
          accept_challenge_types: { sms: "SMS", email: "Email" },
        });
      }
      if (type !== "sms" && type !== "email") {
        return json(400, {
          detail: "Challenge type is invalid",
          accept_challenge_types: { sms: "SMS", email: "Email" },
        });
      }
      const challenge = state.createChallenge({ username: user.username, type, workflowId: null });
      return json(400, { detail: "Request blocked, challenge issued.", challenge: challengeJson(challenge) });
    }
    case "verification": {
      if (state.approvedDevices.has(state.deviceKey(user.username, deviceToken)))
        return success(state, user, deviceToken, body);
      const workflow = state.createWorkflow(user.username, deviceToken);
      // Status 403 as one client's test mocks it; clients must branch on the body (§1.2(2), §8.2).
      return json(403, {
        verification_workflow: { id: workflow.id, workflow_status: "workflow_status_internal_pending" },
      });
    }
  }
}

function refreshGrant(state: AuthState, request: SimRequest): SimResponse {
  const token = field(request.body, "refresh_token");
  const grant = token ? state.redeemRefreshToken(token) : undefined;
  const user = grant ? state.findUser(grant.username) : undefined;
  if (!grant || !user) return json(400, { error: "invalid_grant", detail: "Invalid refresh token." });
  return success(state, user, grant.deviceToken, request.body);
}

/** `POST /oauth2/token/` and `POST /oauth2/revoke_token/`. */
export function handleTokenRoutes(state: AuthState, request: SimRequest): SimResponse | undefined {
  if (request.method !== "POST") return undefined;
  if (request.path === "/oauth2/token/") {
    const grantType = field(request.body, "grant_type");
    if (grantType === "password") return passwordGrant(state, request);
    if (grantType === "refresh_token") return refreshGrant(state, request);
    return json(400, { error: "unsupported_grant_type" });
  }
  if (request.path === "/oauth2/revoke_token/") {
    const token = field(request.body, "token");
    // RFC 7009: an unknown token is not an error, so the answer never reveals which tokens exist.
    if (token) state.revoke(token);
    return { status: 200 };
  }
  return undefined;
}
