import { type ChallengeBody, challengeSchema, legacyChallengeResponseSchema } from "../schemas/auth";
import type { ClientContext } from "./context";
import { RobinhoodError } from "./errors";
import { errorDetail, parseBody } from "./responses";
import { send } from "./transport";

function hasChallenge(body: unknown): boolean {
  return typeof body === "object" && body !== null && "challenge" in body;
}

/**
 * `POST /challenge/{id}/respond/`, shared by the legacy challenge and the verification workflow.
 * Returns once the challenge is validated; a wrong code throws `invalid_code` (with the attempts
 * left) or `challenge_failed` when none are left.
 */
export async function respondToChallenge(
  ctx: ClientContext,
  options: { challengeId: string; code: string; signal?: AbortSignal },
): Promise<ChallengeBody> {
  const response = await send(ctx.transport, {
    method: "POST",
    path: `/challenge/${encodeURIComponent(options.challengeId)}/respond/`,
    form: { response: options.code },
    signal: options.signal,
  });
  const base = { endpoint: response.endpoint, status: response.status };
  if (response.status >= 200 && response.status < 300) {
    const challenge = parseBody(challengeSchema, response);
    if (challenge.status === "validated") return challenge;
    return rejectChallenge(challenge, base);
  }
  if (hasChallenge(response.body)) {
    return rejectChallenge(parseBody(legacyChallengeResponseSchema, response).challenge, base);
  }
  const raw = errorDetail(response.body);
  throw new RobinhoodError({
    ...base,
    code: response.status === 404 ? "challenge_failed" : "invalid_code",
    message: `challenge response refused (HTTP ${response.status})`,
    detail: raw === undefined ? undefined : response.redact(raw),
  });
}

function rejectChallenge(challenge: ChallengeBody, base: { endpoint: string; status: number }): never {
  const exhausted =
    challenge.remaining_attempts <= 0 || challenge.status === "failed" || challenge.status === "expired";
  throw new RobinhoodError({
    ...base,
    code: exhausted ? "challenge_failed" : "invalid_code",
    message: exhausted
      ? `challenge ${challenge.status}, no attempts left`
      : `wrong code, ${challenge.remaining_attempts} attempt(s) left`,
    remainingAttempts: challenge.remaining_attempts,
  });
}
