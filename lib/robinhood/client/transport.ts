import { RobinhoodError, type RobinhoodErrorCode, type RobinhoodErrorOptions } from "./errors";
import { backoffDelayMs, type RetryPolicy, throttleWaitSeconds } from "./retry";
import type { ClientRuntime } from "./runtime";

export interface TransportConfig {
  baseUrl: string;
  fetch: typeof fetch;
  retry: RetryPolicy;
  requestTimeoutMs: number;
  runtime: ClientRuntime;
  headers: Record<string, string>;
}

export interface HttpRequest {
  method: "GET" | "POST";
  /** Path below the base URL, with the trailing slash Robinhood requires. */
  path: string;
  query?: Record<string, string | undefined>;
  /** Absolute URL from a `next` link; must point at the base URL's origin. */
  url?: string;
  form?: Record<string, string>;
  json?: unknown;
  headers?: Record<string, string>;
  accessToken?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  body: unknown;
  headers: Headers;
  /** `METHOD /path/`, for error messages (never the query, never a token). */
  endpoint: string;
  attempts: number;
  /** Scrubs this request's secrets from any text built from the response (server echoes). */
  redact: (text: string) => string;
}

export function resolveUrl(config: TransportConfig, request: HttpRequest): URL {
  const base = new URL(config.baseUrl);
  if (request.url) {
    const url = new URL(request.url);
    // A bearer token must only ever go to the host the caller configured.
    if (url.origin !== base.origin) {
      throw new RobinhoodError({
        code: "invalid_response",
        message: `pagination link points at another host (${url.origin})`,
        endpoint: `${request.method} ${url.pathname}`,
      });
    }
    return url;
  }
  const prefix = base.pathname.replace(/\/+$/, "");
  const url = new URL(`${prefix}${request.path}`, base.origin);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url;
}

function buildInit(config: TransportConfig, request: HttpRequest, signal: AbortSignal): RequestInit {
  const headers: Record<string, string> = { ...config.headers, ...request.headers };
  let body: string | undefined;
  if (request.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
    body = new URLSearchParams(request.form).toString();
  } else if (request.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(request.json);
  }
  if (request.accessToken) headers.Authorization = `Bearer ${request.accessToken}`;
  return { method: request.method, headers, body, signal, redirect: "error" };
}

/** Values that must never appear in an error message, even if a server echoes them back. */
function secretsOf(request: HttpRequest): string[] {
  const secrets = [
    request.accessToken,
    request.form?.password,
    request.form?.refresh_token,
    request.form?.token,
  ];
  return secrets.filter((value): value is string => typeof value === "string" && value.length >= 4);
}

export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

function readDetail(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && "detail" in parsed && typeof parsed.detail === "string") {
      return parsed.detail;
    }
  } catch {
    // Not JSON: a proxy error page. The status code is all we report.
  }
  return undefined;
}

/**
 * Sends one request. 429s are waited out (bounded by the retry policy), 5xx, timeouts and network
 * errors are retried with backoff; anything else is returned with its parsed JSON body for the
 * caller to interpret, because login flows branch on 4xx bodies.
 */
export async function send(config: TransportConfig, request: HttpRequest): Promise<HttpResponse> {
  const url = resolveUrl(config, request);
  const endpoint = `${request.method} ${url.pathname}`;
  const secrets = secretsOf(request);
  const { retry, runtime } = config;
  const fail = (code: RobinhoodErrorCode, message: string, extra: Partial<RobinhoodErrorOptions> = {}) =>
    new RobinhoodError({ code, message: redact(message, secrets), endpoint, ...extra });
  const pause = async (ms: number, attempts: number) => {
    try {
      await runtime.sleep(ms, request.signal);
    } catch {
      throw fail("aborted", "request cancelled", { attempts });
    }
  };

  for (let attempt = 1; ; attempt += 1) {
    const last = attempt >= retry.maxAttempts;
    const timeout = AbortSignal.timeout(config.requestTimeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    let status: number;
    let text: string;
    let headers: Headers;
    try {
      const response = await config.fetch(url, buildInit(config, request, signal));
      status = response.status;
      headers = response.headers;
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted) throw fail("aborted", "request cancelled", { attempts: attempt });
      const timedOut = timeout.aborted;
      const code = timedOut ? "timeout" : "network_error";
      const what = timedOut ? `no response within ${config.requestTimeoutMs} ms` : "network error";
      if (last) {
        throw new RobinhoodError({
          code,
          message: `${what} after ${attempt} attempt(s)`,
          endpoint,
          attempts: attempt,
          cause: timedOut ? undefined : error,
        });
      }
      await pause(backoffDelayMs(retry, attempt, runtime.random), attempt);
      continue;
    }

    if (status === 429) {
      const detail = readDetail(text);
      const seconds = throttleWaitSeconds({
        detail,
        retryAfter: headers.get("retry-after"),
        now: runtime.now(),
      });
      const waitMs = seconds === undefined ? backoffDelayMs(retry, attempt, runtime.random) : seconds * 1000;
      if (last || waitMs > retry.maxThrottleWaitMs) {
        throw fail("throttled", `throttled (HTTP 429) after ${attempt} attempt(s)`, {
          status,
          detail: detail ? redact(detail, secrets) : undefined,
          retryAfterSeconds: seconds,
          attempts: attempt,
        });
      }
      await pause(waitMs, attempt);
      continue;
    }

    if (status >= 500) {
      if (last) {
        throw fail("server_error", `HTTP ${status} after ${attempt} attempt(s)`, {
          status,
          attempts: attempt,
        });
      }
      await pause(backoffDelayMs(retry, attempt, runtime.random), attempt);
      continue;
    }

    let body: unknown = null;
    if (text.trim() !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        // A 4xx without JSON is still reported by status; a 2xx without JSON is unusable.
        if (status < 300) {
          throw fail("invalid_response", `HTTP ${status} with a body that is not valid JSON`, { status });
        }
      }
    }
    return { status, body, headers, endpoint, attempts: attempt, redact: (text) => redact(text, secrets) };
  }
}
