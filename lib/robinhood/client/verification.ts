import {
  type ChallengeBody,
  inquiryPageSchema,
  inquiryResultSchema,
  promptStatusSchema,
  userMachineResponseSchema,
} from "../schemas/auth";
import type { ClientContext } from "./context";
import { RobinhoodError } from "./errors";
import { expectOk } from "./responses";
import { send } from "./transport";

export interface VerificationChallenge {
  id: string;
  /** `sms`, `email`, `app` (authenticator code) or `prompt` (approve in the Robinhood app). */
  type: string;
  status: string;
  remainingAttempts: number;
  expiresAt: string;
}

/** Everything needed to continue a device verification later; plain data, safe to keep in a session. */
export interface PendingVerification {
  workflowId: string;
  inquiryId: string;
  challenge: VerificationChallenge;
}

export type PromptStatus = "pending" | "approved" | "denied" | "expired";

function toChallenge(body: ChallengeBody): VerificationChallenge {
  return {
    id: body.id,
    type: body.type,
    status: body.status,
    remainingAttempts: body.remaining_attempts,
    expiresAt: body.expires_at,
  };
}

/** §1.3 steps 2–3: open the inquiry for workflow W and read the challenge it issued. */
export async function startVerification(
  ctx: ClientContext,
  options: { deviceToken: string; workflowId: string; signal?: AbortSignal },
): Promise<PendingVerification> {
  const machine = expectOk(
    userMachineResponseSchema,
    await send(ctx.transport, {
      method: "POST",
      path: "/pathfinder/user_machine/",
      json: { device_id: options.deviceToken, flow: "suv", input: { workflow_id: options.workflowId } },
      signal: options.signal,
    }),
  );
  const pageResponse = await send(ctx.transport, {
    method: "GET",
    path: `/pathfinder/inquiries/${encodeURIComponent(machine.id)}/user_view/`,
    signal: options.signal,
  });
  const page = expectOk(inquiryPageSchema, pageResponse);
  // robin_stocks has read the challenge from both places over time; accept either.
  const challenge = page.context?.sheriff_challenge ?? page.type_context?.context?.sheriff_challenge;
  if (!challenge) {
    throw new RobinhoodError({
      code: "invalid_response",
      message: "verification page has no sheriff_challenge",
      endpoint: pageResponse.endpoint,
      status: pageResponse.status,
    });
  }
  return { workflowId: options.workflowId, inquiryId: machine.id, challenge: toChallenge(challenge) };
}

const PROMPT_STATUS: Record<string, PromptStatus> = {
  validated: "approved",
  approved: "approved",
  denied: "denied",
  rejected: "denied",
  failed: "denied",
  expired: "expired",
};

/** One look at an app-approval prompt (`GET /push/{id}/get_prompts_status/`). */
export async function checkPromptStatus(
  ctx: ClientContext,
  options: { verification: PendingVerification; signal?: AbortSignal },
): Promise<PromptStatus> {
  const response = await send(ctx.transport, {
    method: "GET",
    path: `/push/${encodeURIComponent(options.verification.challenge.id)}/get_prompts_status/`,
    signal: options.signal,
  });
  const status = expectOk(promptStatusSchema, response).challenge_status;
  return PROMPT_STATUS[status] ?? "pending";
}

async function pause(ctx: ClientContext, ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await ctx.runtime.sleep(ms, signal);
  } catch {
    throw new RobinhoodError({ code: "aborted", message: "verification cancelled" });
  }
}

/**
 * Polls the prompt until the user approves it. Denied or expired prompts fail with
 * `challenge_failed`; one never answered fails with `verification_timeout` after the policy's limit.
 */
export async function waitForPrompt(
  ctx: ClientContext,
  options: { verification: PendingVerification; signal?: AbortSignal },
): Promise<void> {
  const deadline = ctx.runtime.now() + ctx.polling.promptTimeoutMs;
  for (let polls = 1; ; polls += 1) {
    const status = await checkPromptStatus(ctx, options);
    if (status === "approved") return;
    if (status === "denied" || status === "expired") {
      throw new RobinhoodError({ code: "challenge_failed", message: `the app prompt was ${status}` });
    }
    if (ctx.runtime.now() + ctx.polling.promptIntervalMs > deadline) {
      throw new RobinhoodError({
        code: "verification_timeout",
        message: `the app prompt was not approved within ${ctx.polling.promptTimeoutMs} ms (${polls} polls)`,
        attempts: polls,
      });
    }
    await pause(ctx, ctx.polling.promptIntervalMs, options.signal);
  }
}

const APPROVED = "workflow_status_approved";
const PENDING = new Set(["workflow_status_internal_pending", "workflow_status_pending"]);

/**
 * §1.3 step 5: tell the workflow to continue once the challenge is validated, and poll until it
 * reports approval. Afterwards the identical password grant returns tokens.
 */
export async function continueWorkflow(
  ctx: ClientContext,
  options: { verification: PendingVerification; signal?: AbortSignal },
): Promise<void> {
  const deadline = ctx.runtime.now() + ctx.polling.workflowTimeoutMs;
  for (let polls = 1; ; polls += 1) {
    const response = await send(ctx.transport, {
      method: "POST",
      path: `/pathfinder/inquiries/${encodeURIComponent(options.verification.inquiryId)}/user_view/`,
      json: { sequence: 0, user_input: { status: "continue" } },
      signal: options.signal,
    });
    const result = expectOk(inquiryResultSchema, response);
    const status = result.type_context?.result ?? result.verification_workflow?.workflow_status;
    if (status === APPROVED) return;
    if (status !== undefined && !PENDING.has(status)) {
      throw new RobinhoodError({
        code: "challenge_failed",
        message: `verification workflow ended as ${status}`,
        endpoint: response.endpoint,
      });
    }
    if (ctx.runtime.now() + ctx.polling.workflowIntervalMs > deadline) {
      throw new RobinhoodError({
        code: "verification_timeout",
        message: `verification workflow still pending after ${polls} polls`,
        endpoint: response.endpoint,
        attempts: polls,
      });
    }
    await pause(ctx, ctx.polling.workflowIntervalMs, options.signal);
  }
}
