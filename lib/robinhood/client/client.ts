import { respondToChallenge } from "./challenge";
import {
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  ROBINHOOD_API_BASE_URL,
  ROBINHOOD_API_VERSION,
  ROBINHOOD_CLIENT_ID,
} from "./constants";
import { type ClientContext, DEFAULT_POLLING_POLICY, type PollingPolicy } from "./context";
import { type LoginCredentials, type LoginOutcome, passwordGrant } from "./login";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import { type ClientRuntime, defaultRuntime } from "./runtime";
import { createSession, type RobinhoodSession, type SessionOptions } from "./session";
import { type RefreshTokensOptions, type RobinhoodTokens, refreshTokens, revokeToken } from "./tokens";
import {
  checkPromptStatus,
  continueWorkflow,
  type PendingVerification,
  type PromptStatus,
  waitForPrompt,
} from "./verification";

export interface RobinhoodClientOptions {
  /** `https://api.robinhood.com` by default; the simulator's URL in demo mode and tests. */
  baseUrl?: string;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  timeouts?: { requestMs?: number };
  polling?: Partial<PollingPolicy>;
  /** Requested token lifetime (`expires_in`). */
  tokenLifetimeSeconds?: number;
  /** Clock, sleep and jitter source; tests replace them to run retries instantly. */
  runtime?: Partial<ClientRuntime>;
  userAgent?: string;
}

interface WithSignal {
  signal?: AbortSignal;
}

/** Sign-in steps and token management. Data calls live on the session it creates. */
export interface RobinhoodClient {
  readonly baseUrl: string;
  /** Password grant. Resolves to tokens or to the follow-up step Robinhood asked for. */
  login(credentials: LoginCredentials, options?: WithSignal): Promise<LoginOutcome>;
  /** Legacy MFA (`mfa_required`): the same grant again with the code. */
  submitMfaCode(options: { credentials: LoginCredentials; code: string } & WithSignal): Promise<LoginOutcome>;
  /** Legacy challenge (`challenge_type_required`): ask for a code by `sms` or `email`. */
  requestChallenge(
    options: { credentials: LoginCredentials; challengeType: string } & WithSignal,
  ): Promise<LoginOutcome>;
  /** Legacy challenge (`challenge_required`): answer it, then re-post the grant with its id. */
  submitChallengeCode(
    options: { credentials: LoginCredentials; challengeId: string; code: string } & WithSignal,
  ): Promise<LoginOutcome>;
  /** Verification workflow with an `sms`, `email` or `app` challenge. */
  submitVerificationCode(
    options: { credentials: LoginCredentials; verification: PendingVerification; code: string } & WithSignal,
  ): Promise<LoginOutcome>;
  /** One look at a `prompt` challenge, for UIs that poll across requests. */
  checkVerificationPrompt(options: { verification: PendingVerification } & WithSignal): Promise<PromptStatus>;
  /** Polls a `prompt` challenge until approved (bounded by the polling policy), then signs in. */
  waitForVerificationApproval(
    options: { credentials: LoginCredentials; verification: PendingVerification } & WithSignal,
  ): Promise<LoginOutcome>;
  /** After a prompt was seen approved: complete the workflow and sign in. */
  finishVerification(
    options: { credentials: LoginCredentials; verification: PendingVerification } & WithSignal,
  ): Promise<LoginOutcome>;
  refreshTokens(options: RefreshTokensOptions): Promise<RobinhoodTokens>;
  revokeToken(options: { refreshToken: string } & WithSignal): Promise<void>;
  createSession(tokens: RobinhoodTokens, options?: SessionOptions): RobinhoodSession;
}

export function createRobinhoodClient(options: RobinhoodClientOptions = {}): RobinhoodClient {
  const runtime: ClientRuntime = { ...defaultRuntime, ...options.runtime };
  const baseUrl = (options.baseUrl ?? ROBINHOOD_API_BASE_URL).replace(/\/+$/, "");
  const ctx: ClientContext = {
    runtime,
    polling: { ...DEFAULT_POLLING_POLICY, ...options.polling },
    clientId: ROBINHOOD_CLIENT_ID,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    transport: {
      baseUrl,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      requestTimeoutMs: options.timeouts?.requestMs ?? 30_000,
      runtime,
      headers: {
        Accept: "application/json",
        "X-Robinhood-API-Version": ROBINHOOD_API_VERSION,
        ...(options.userAgent ? { "User-Agent": options.userAgent } : {}),
      },
    },
  };

  const finish = async (
    o: { credentials: LoginCredentials; verification: PendingVerification } & WithSignal,
  ) => {
    await continueWorkflow(ctx, o);
    return passwordGrant(ctx, o.credentials, { signal: o.signal });
  };

  return {
    baseUrl,
    login: (credentials, o) => passwordGrant(ctx, credentials, { signal: o?.signal }),
    submitMfaCode: (o) => passwordGrant(ctx, o.credentials, { mfaCode: o.code, signal: o.signal }),
    requestChallenge: (o) =>
      passwordGrant(ctx, o.credentials, { challengeType: o.challengeType, signal: o.signal }),
    async submitChallengeCode(o) {
      await respondToChallenge(ctx, { challengeId: o.challengeId, code: o.code, signal: o.signal });
      return passwordGrant(ctx, o.credentials, { challengeResponseId: o.challengeId, signal: o.signal });
    },
    async submitVerificationCode(o) {
      await respondToChallenge(ctx, {
        challengeId: o.verification.challenge.id,
        code: o.code,
        signal: o.signal,
      });
      return finish(o);
    },
    checkVerificationPrompt: (o) => checkPromptStatus(ctx, o),
    async waitForVerificationApproval(o) {
      await waitForPrompt(ctx, o);
      return finish(o);
    },
    finishVerification: finish,
    refreshTokens: (o) => refreshTokens(ctx, o),
    revokeToken: (o) => revokeToken(ctx, o),
    createSession: (tokens, o) => createSession(ctx, tokens, o),
  };
}
