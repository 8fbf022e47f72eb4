import { z } from "zod";
import { faultRuleSchema } from "./controls";
import { detail, json, NOT_FOUND, type SimRequest, type SimResponse } from "./http-types";
import type { SimulatorState } from "./simulator-state";

export const CONTROL_PREFIX = "/__simulator/";

const resetSchema = z.object({ auth: z.boolean().default(false) });
const CHALLENGE_ACTION = /^\/__simulator\/challenges\/([^/]+)\/(approve|deny)\/?$/;

export type ControlResponse = SimResponse | { status: number; text: string; contentType: string };

/** Test controls: faults, request log, reset, token expiry, prompt approval and the CSV export. */
export function handleControlRoutes(state: SimulatorState, request: SimRequest): ControlResponse {
  const { method, path } = request;
  const route = path.replace(/\/+$/, "");
  if (route === "/__simulator" && method === "GET") {
    return json(200, {
      seed: state.options.seed,
      now: state.options.now,
      users: state.options.users.map((user) => ({
        username: user.username,
        flow: user.flow.kind,
        months: user.months,
      })),
    });
  }
  if (route === "/__simulator/faults") {
    if (method === "DELETE") {
      state.controls.clearFaults();
      return json(200, { cleared: true });
    }
    if (method === "POST") {
      const parsed = faultRuleSchema.safeParse(request.body);
      if (!parsed.success) return json(400, { detail: z.prettifyError(parsed.error) });
      return json(201, { id: state.controls.addFault(parsed.data) });
    }
  }
  if (route === "/__simulator/requests") {
    if (method === "DELETE") {
      state.controls.clearRequests();
      return json(200, { cleared: true });
    }
    if (method === "GET") {
      const requests = state.controls.requests({
        path: request.query.get("path") ?? undefined,
        method: request.query.get("method") ?? undefined,
      });
      return json(200, { count: requests.length, requests });
    }
  }
  if (route === "/__simulator/reset" && method === "POST") {
    const parsed = resetSchema.safeParse(request.body);
    if (!parsed.success) return json(400, { detail: z.prettifyError(parsed.error) });
    state.controls.clearFaults();
    state.controls.clearRequests();
    if (parsed.data.auth) state.auth.clear();
    return json(200, { reset: true, auth: parsed.data.auth });
  }
  if (route === "/__simulator/expire-tokens" && method === "POST") {
    return json(200, { expired: state.auth.expireAccessTokens() });
  }
  const action = CHALLENGE_ACTION.exec(path);
  if (action?.[1] && method === "POST") {
    const challenge = state.auth.challenge(action[1]);
    if (!challenge) return NOT_FOUND;
    if (challenge.status === "issued") challenge.status = action[2] === "approve" ? "validated" : "denied";
    return json(200, { id: challenge.id, status: challenge.status });
  }
  if (route === "/__simulator/activity-report.csv" && method === "GET") {
    const username = request.query.get("user") ?? "demo@rollbook.dev";
    if (!state.auth.findUser(username)) return detail(404, `No simulated user ${username}.`);
    return { status: 200, text: state.activityReport(username), contentType: "text/csv; charset=utf-8" };
  }
  return NOT_FOUND;
}
