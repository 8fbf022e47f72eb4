import type { IncomingHttpHeaders } from "node:http";

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Form or JSON body flattened to an object (both are accepted on the token endpoint, §1.1). */
  body: Record<string, unknown>;
}

export interface SimResponse {
  status: number;
  /** JSON body; `undefined` sends an empty body (revoke). */
  body?: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SimResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

/** DRF-style `{"detail": ...}` error. */
export const detail = (status: number, message: string): SimResponse => json(status, { detail: message });

export const NOT_FOUND = detail(404, "Not found.");

export function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}
