import type { ChallengeRecord } from "./auth-state";

/** `expires_at` with a local offset, as the captures show (§5.1: challenge `expires_at` `-05:00`). */
function withNewYorkOffset(ms: number): string {
  const shifted = new Date(ms - 5 * 3_600_000).toISOString().slice(0, 23);
  return `${shifted}000-05:00`;
}

/** The challenge object of both flows (§1.2(4), §1.3(3–4)). */
export function challengeJson(challenge: ChallengeRecord) {
  const base = {
    alternate_type: challenge.type === "sms" ? "email" : challenge.type === "email" ? "sms" : null,
    expires_at: withNewYorkOffset(challenge.expiresAtMs),
    id: challenge.id,
    remaining_attempts: challenge.remainingAttempts,
    remaining_retries: 3,
    status: challenge.status,
    type: challenge.type,
  };
  if (challenge.workflowId === null) return { ...base, user: challenge.username };
  return {
    ...base,
    flow_id: "login_suv",
    mfa_status: challenge.type,
    updated_at: new Date(challenge.createdAtMs).toISOString(),
  };
}
