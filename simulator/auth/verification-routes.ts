import { randomUUID } from "node:crypto";
import { detail, field, json, NOT_FOUND, type SimRequest, type SimResponse } from "../server/http-types";
import type { AuthState, ChallengeRecord, WorkflowRecord } from "./auth-state";
import { challengeJson } from "./challenge-json";
import { verifyTotp } from "./totp";

const INQUIRY = /^\/pathfinder\/inquiries\/([^/]+)\/user_view\/$/;
const CHALLENGE = /^\/challenge\/([^/]+)\/(respond\/)?$/;
const PROMPT = /^\/push\/([^/]+)\/get_prompts_status\/$/;

/** §1.3(3): the challenge sits at both paths because clients have read both. */
function challengePage(workflow: WorkflowRecord, challenge: ChallengeRecord) {
  const context = {
    fallback_cta_text: "Send text instead",
    initial_alert: null,
    sheriff_challenge: challengeJson(challenge),
    sheriff_flow_id: "login_suv",
    verification_workflow_id: workflow.id,
  };
  return {
    context,
    http_status: null,
    locality: "US",
    page: "ChallengePage",
    polling_interval: 5000,
    prev_state_name: "EntryPoint",
    renderable_platforms: ["web", "ios", "android"],
    sequence: 0,
    should_replace_current_page: false,
    state_name: "Challenge",
    toast: null,
    type: "page",
    type_context: { context },
  };
}

function result(status: string) {
  return {
    context: null,
    page: null,
    sequence: 1,
    type: "result",
    type_context: { result: status, result_type: "security.verification-result" },
  };
}

function userMachine(state: AuthState, request: SimRequest): SimResponse {
  const input = request.body.input;
  const workflowId =
    input && typeof input === "object" ? (input as Record<string, unknown>).workflow_id : undefined;
  const workflow = typeof workflowId === "string" ? state.workflows.get(workflowId) : undefined;
  if (!workflow || workflow.deviceToken !== field(request.body, "device_id"))
    return detail(400, "Invalid workflow.");
  const user = state.findUser(workflow.username);
  if (user?.flow.kind !== "verification") return detail(400, "Invalid workflow.");
  if (!workflow.inquiryId) {
    workflow.inquiryId = randomUUID();
    workflow.challengeId = state.createChallenge({
      username: user.username,
      type: user.flow.challengeType,
      workflowId: workflow.id,
    }).id;
    state.inquiries.set(workflow.inquiryId, workflow.id);
  }
  return json(200, { id: workflow.inquiryId });
}

function inquiry(state: AuthState, request: SimRequest, inquiryId: string): SimResponse {
  const workflow = state.workflows.get(state.inquiries.get(inquiryId) ?? "");
  const challenge = workflow?.challengeId ? state.challenge(workflow.challengeId) : undefined;
  if (!workflow || !challenge) return NOT_FOUND;
  if (request.method === "GET") return json(200, challengePage(workflow, challenge));
  if (request.method !== "POST") return detail(405, `Method "${request.method}" not allowed.`);
  if (challenge.status === "validated") {
    workflow.status = "approved";
    state.approvedDevices.add(state.deviceKey(workflow.username, workflow.deviceToken));
    return json(200, result("workflow_status_approved"));
  }
  if (challenge.status !== "issued") {
    workflow.status = "denied";
    return json(200, result("workflow_status_denied"));
  }
  return json(200, result("workflow_status_internal_pending"));
}

function respond(state: AuthState, request: SimRequest, challenge: ChallengeRecord): SimResponse {
  if (challenge.status === "validated") return json(200, challengeJson(challenge));
  if (challenge.status !== "issued")
    return json(400, { detail: `Challenge ${challenge.status}.`, challenge: challengeJson(challenge) });
  const user = state.findUser(challenge.username);
  const flow = user?.flow;
  const code = field(request.body, "response") ?? "";
  let accepted = false;
  if (
    flow &&
    (flow.kind === "legacy_challenge" || flow.kind === "verification") &&
    challenge.type !== "prompt"
  ) {
    const secret = "totpSecret" in flow ? flow.totpSecret : undefined;
    accepted = secret ? verifyTotp(secret, code, state.now()) : flow.code === code;
  }
  if (accepted) {
    challenge.status = "validated";
    return json(200, challengeJson(challenge));
  }
  challenge.remainingAttempts = Math.max(0, challenge.remainingAttempts - 1);
  if (challenge.remainingAttempts === 0) challenge.status = "failed";
  return json(400, { detail: "Please enter a valid code.", challenge: challengeJson(challenge) });
}

/** Poll of an app-approval prompt: approved after the configured number of polls, or by a control. */
function promptStatus(state: AuthState, challenge: ChallengeRecord): SimResponse {
  challenge.polls += 1;
  const user = state.findUser(challenge.username);
  const after = user?.flow.kind === "verification" ? user.flow.approveAfterPolls : undefined;
  if (challenge.status === "issued" && typeof after === "number" && challenge.polls >= after)
    challenge.status = "validated";
  return json(200, { challenge_status: challenge.status });
}

/** The device-verification workflow (§1.3) and the shared challenge endpoints. */
export function handleVerificationRoutes(state: AuthState, request: SimRequest): SimResponse | undefined {
  if (request.path === "/pathfinder/user_machine/" && request.method === "POST")
    return userMachine(state, request);
  const inquiryMatch = INQUIRY.exec(request.path);
  if (inquiryMatch?.[1]) return inquiry(state, request, inquiryMatch[1]);
  const challengeMatch = CHALLENGE.exec(request.path);
  if (challengeMatch?.[1]) {
    const challenge = state.challenge(challengeMatch[1]);
    if (!challenge) return NOT_FOUND;
    if (challengeMatch[2] && request.method === "POST") return respond(state, request, challenge);
    if (!challengeMatch[2] && request.method === "GET") return json(200, challengeJson(challenge));
    return detail(405, `Method "${request.method}" not allowed.`);
  }
  const promptMatch = PROMPT.exec(request.path);
  if (promptMatch?.[1] && request.method === "GET") {
    const challenge = state.challenge(promptMatch[1]);
    return challenge ? promptStatus(state, challenge) : NOT_FOUND;
  }
  return undefined;
}
