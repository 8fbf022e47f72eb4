import { randomBytes, randomUUID } from "node:crypto";
import type { SimulatedUser } from "../users";

/**
 * Sign-in state of the simulator. Tokens and challenge ids are random (node:crypto): they are
 * secrets, not data, and need not be reproducible. Time comes from an injectable clock so tests can
 * expire things without waiting.
 */
export interface AccessGrant {
  username: string;
  refreshToken: string;
  expiresAtMs: number;
  revoked: boolean;
}

export interface RefreshGrant {
  username: string;
  deviceToken: string;
  used: boolean;
}

export type ChallengeStatus = "issued" | "validated" | "failed" | "expired" | "denied";

export interface ChallengeRecord {
  id: string;
  username: string;
  type: string;
  /** Legacy challenges answer the token re-post; sheriff ones belong to a workflow. */
  workflowId: string | null;
  status: ChallengeStatus;
  remainingAttempts: number;
  expiresAtMs: number;
  createdAtMs: number;
  polls: number;
  consumed: boolean;
}

export interface WorkflowRecord {
  id: string;
  username: string;
  deviceToken: string;
  inquiryId: string | null;
  challengeId: string | null;
  status: "pending" | "approved" | "denied";
}

export class AuthState {
  readonly accessTokens = new Map<string, AccessGrant>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  readonly approvedDevices = new Set<string>();
  readonly challenges = new Map<string, ChallengeRecord>();
  readonly workflows = new Map<string, WorkflowRecord>();
  readonly inquiries = new Map<string, string>();

  constructor(
    readonly options: { clock: () => number; tokenLifetimeSeconds: number; users: readonly SimulatedUser[] },
  ) {}

  now(): number {
    return this.options.clock();
  }

  findUser(username: string): SimulatedUser | undefined {
    const wanted = username.trim().toLowerCase();
    return this.options.users.find((user) => user.username.toLowerCase() === wanted);
  }

  deviceKey(username: string, deviceToken: string): string {
    return `${username.toLowerCase()}|${deviceToken}`;
  }

  /** A JWT-shaped access token (header.claims.signature) like the ES256 tokens since 2024 (§1.2). */
  issueTokens(username: string, deviceToken: string, requestedSeconds: number | undefined) {
    const lifetime = Math.min(
      requestedSeconds ?? this.options.tokenLifetimeSeconds,
      this.options.tokenLifetimeSeconds,
    );
    const now = this.now();
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const accessToken = [
      encode({ alg: "ES256", kid: "2", typ: "JWT" }),
      encode({
        exp: Math.floor(now / 1000) + lifetime,
        scope: "internal",
        user_origin: "US",
        device_hash: deviceToken.slice(0, 8),
      }),
      randomBytes(32).toString("base64url"),
    ].join(".");
    const refreshToken = randomBytes(22).toString("base64url").slice(0, 30);
    this.accessTokens.set(accessToken, {
      username,
      refreshToken,
      expiresAtMs: now + lifetime * 1000,
      revoked: false,
    });
    this.refreshTokens.set(refreshToken, { username, deviceToken, used: false });
    return { accessToken, refreshToken, lifetime };
  }

  /** The user behind a bearer token, or why there is none. */
  authenticate(header: string | undefined): { username: string } | { error: "missing" | "invalid" } {
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) return { error: "missing" };
    const grant = this.accessTokens.get(match[1]);
    if (!grant || grant.revoked || grant.expiresAtMs <= this.now()) return { error: "invalid" };
    return { username: grant.username };
  }

  /** Refresh tokens are single use: the old pair dies when a new one is issued. */
  redeemRefreshToken(refreshToken: string): RefreshGrant | undefined {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.used) return undefined;
    grant.used = true;
    this.revokeAccessFor(refreshToken);
    return grant;
  }

  revoke(refreshToken: string): boolean {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant) return false;
    grant.used = true;
    this.revokeAccessFor(refreshToken);
    return true;
  }

  private revokeAccessFor(refreshToken: string): void {
    for (const access of this.accessTokens.values())
      if (access.refreshToken === refreshToken) access.revoked = true;
  }

  /** Test control: every access token issued so far stops working (refresh tokens still do). */
  expireAccessTokens(): number {
    let count = 0;
    for (const grant of this.accessTokens.values()) {
      if (grant.expiresAtMs > this.now()) count += 1;
      grant.expiresAtMs = Math.min(grant.expiresAtMs, this.now());
    }
    return count;
  }

  createChallenge(spec: { username: string; type: string; workflowId: string | null }): ChallengeRecord {
    const now = this.now();
    const challenge: ChallengeRecord = {
      id: randomUUID(),
      username: spec.username,
      type: spec.type,
      workflowId: spec.workflowId,
      status: "issued",
      remainingAttempts: 3,
      expiresAtMs: now + 5 * 60_000,
      createdAtMs: now,
      polls: 0,
      consumed: false,
    };
    this.challenges.set(challenge.id, challenge);
    return challenge;
  }

  /** The challenge with its status brought up to date against the clock. */
  challenge(id: string): ChallengeRecord | undefined {
    const challenge = this.challenges.get(id);
    if (challenge && challenge.status === "issued" && challenge.expiresAtMs <= this.now()) {
      challenge.status = "expired";
      challenge.remainingAttempts = 0;
    }
    return challenge;
  }

  createWorkflow(username: string, deviceToken: string): WorkflowRecord {
    const workflow: WorkflowRecord = {
      id: randomUUID(),
      username,
      deviceToken,
      inquiryId: null,
      challengeId: null,
      status: "pending",
    };
    this.workflows.set(workflow.id, workflow);
    return workflow;
  }

  clear(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.approvedDevices.clear();
    this.challenges.clear();
    this.workflows.clear();
    this.inquiries.clear();
  }
}
