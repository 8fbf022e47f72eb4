import type { IncomingMessage, ServerResponse } from "node:http";
import { handleTokenRoutes } from "../auth/token-routes";
import { handleVerificationRoutes } from "../auth/verification-routes";
import { CONTROL_PREFIX, handleControlRoutes } from "./control-routes";
import { handleDataRoutes } from "./data-routes";
import { faultResponse, malformed, mutateBody } from "./fault-effects";
import { detail, type SimRequest, type SimResponse } from "./http-types";
import type { SimulatorState } from "./simulator-state";

const MAX_BODY_BYTES = 1_000_000;

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  const type = request.headers["content-type"] ?? "";
  if (type.includes("application/json")) {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** Links in payloads use the host the client called, as Django builds absolute URIs. */
function baseUrlOf(state: SimulatorState, request: IncomingMessage): string {
  return state.options.publicUrl ?? `http://${request.headers.host ?? "127.0.0.1"}`;
}

function route(state: SimulatorState, request: SimRequest, baseUrl: string): SimResponse {
  const open = handleTokenRoutes(state.auth, request) ?? handleVerificationRoutes(state.auth, request);
  if (open) return open;
  const who = state.auth.authenticate(request.headers.authorization);
  if ("error" in who) {
    return detail(
      401,
      who.error === "missing"
        ? "Authentication credentials were not provided."
        : "Incorrect authentication credentials.",
    );
  }
  return handleDataRoutes(state.dataset(who.username, baseUrl), request, baseUrl);
}

function send(
  response: ServerResponse,
  status: number,
  text: string | undefined,
  headers: Record<string, string>,
): void {
  response.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(text ?? "").toString() });
  response.end(text ?? "");
}

export interface HandlerOptions {
  /** Sleeps for delay faults; rejects when the simulator closes. */
  sleep: (ms: number) => Promise<void>;
}

export function createRequestHandler(state: SimulatorState, options: HandlerOptions) {
  return async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? "/", "http://simulator.local");
    const method = (incoming.method ?? "GET").toUpperCase();
    let body: Record<string, unknown>;
    try {
      body = await readBody(incoming);
    } catch {
      send(response, 400, JSON.stringify({ detail: "Malformed request body." }), {
        "Content-Type": "application/json",
      });
      return;
    }
    const request: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body,
    };

    if (url.pathname.startsWith(CONTROL_PREFIX) || url.pathname === CONTROL_PREFIX.slice(0, -1)) {
      const result = handleControlRoutes(state, request);
      if ("text" in result)
        send(response, result.status, result.text, { "Content-Type": result.contentType });
      else send(response, result.status, JSON.stringify(result.body), { "Content-Type": "application/json" });
      return;
    }

    const fault = state.controls.takeFault(method, url.pathname);
    const logged = state.controls.record({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      fault: fault?.kind ?? null,
    });
    if (fault?.kind === "delay") {
      try {
        await options.sleep(fault.ms);
      } catch {
        return;
      }
    }
    const result = (fault && faultResponse(fault)) ?? route(state, request, baseUrlOf(state, incoming));
    let text: string | undefined;
    if (result.body !== undefined) {
      const payload = fault && result.status < 300 ? mutateBody(fault, result.body) : result.body;
      text = JSON.stringify(payload);
      if (fault?.kind === "malformed_json" && result.status < 300) text = malformed(text);
    }
    logged.status = result.status;
    const headers: Record<string, string> = { "X-Robinhood-API-Version": "0.0.0", ...result.headers };
    if (text !== undefined) headers["Content-Type"] = "application/json";
    if (!response.destroyed) send(response, result.status, text, headers);
  };
}
