import type { z } from "zod";
import { RobinhoodError } from "./errors";
import type { HttpResponse } from "./transport";

/** `["results", 3, "legs", 0, "price"]` → `results[3].legs[0].price`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(response body)" : out;
}

/**
 * Validates a response body. The error names the endpoint, the field path and what was expected,
 * and never the received value: on the token endpoint that value could be a token.
 */
export function parseBody<T extends z.ZodType>(schema: T, response: HttpResponse): z.output<T> {
  const result = schema.safeParse(response.body);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const shown = issues
    .slice(0, 3)
    .map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`)
    .join("; ");
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  throw new RobinhoodError({
    code: "invalid_response",
    message: `unexpected response shape: ${shown}${more}`,
    endpoint: response.endpoint,
    status: response.status,
  });
}

/** The server's explanation from a DRF error body (`detail`, `non_field_errors` or field errors). */
export function errorDetail(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.detail === "string") return record.detail;
  const parts: string[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
      parts.push(field === "non_field_errors" ? value.join(" ") : `${field}: ${value.join(" ")}`);
    }
  }
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** Maps a non-2xx response that no caller handled itself to a typed error. */
export function errorFromResponse(response: HttpResponse): RobinhoodError {
  const raw = errorDetail(response.body);
  const detail = raw === undefined ? undefined : response.redact(raw);
  const code =
    response.status === 401
      ? "session_expired"
      : response.status === 403
        ? "forbidden"
        : response.status === 404
          ? "not_found"
          : "bad_request";
  return new RobinhoodError({
    code,
    message: `HTTP ${response.status}${detail ? `: ${detail}` : ""}`,
    endpoint: response.endpoint,
    status: response.status,
    detail,
    attempts: response.attempts,
  });
}

export function expectOk<T extends z.ZodType>(schema: T, response: HttpResponse): z.output<T> {
  if (response.status < 200 || response.status >= 300) throw errorFromResponse(response);
  return parseBody(schema, response);
}
