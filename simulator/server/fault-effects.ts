import type { Fault } from "./controls";
import { detail, json, type SimResponse } from "./http-types";

/** The response a fault replaces the real one with, if it does. */
export function faultResponse(fault: Fault): SimResponse | undefined {
  if (fault.kind === "throttle") {
    const message = fault.detailSeconds
      ? `Request was throttled. Expected available in ${fault.seconds} seconds.`
      : "Request was throttled.";
    return json(
      429,
      { detail: message },
      fault.retryAfterHeader ? { "Retry-After": String(fault.seconds) } : undefined,
    );
  }
  if (fault.kind === "status") {
    if (fault.body !== undefined) return json(fault.status, fault.body);
    return detail(fault.status, fault.status >= 500 ? "A server error occurred." : "Request failed.");
  }
  return undefined;
}

function mutatePath(
  target: unknown,
  path: readonly string[],
  change: (holder: Record<string, unknown>, key: string) => void,
): void {
  if (Array.isArray(target)) {
    for (const item of target) mutatePath(item, path, change);
    return;
  }
  if (!target || typeof target !== "object") return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  const holder = target as Record<string, unknown>;
  if (rest.length === 0) change(holder, head);
  else mutatePath(holder[head], rest, change);
}

/** Applies a body-changing fault to a JSON body (to each `results` record when it is a list). */
export function mutateBody(fault: Fault, body: unknown): unknown {
  if (!body || typeof body !== "object") return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  const records = Array.isArray(copy.results) ? copy.results : [copy];
  if (fault.kind === "extra_fields") {
    copy.x_simulator_extra = { note: "unknown top-level field" };
    for (const record of records) {
      if (record && typeof record === "object")
        Object.assign(record, { added_in_future_version: true, new_nested: { a: 1 } });
    }
  } else if (fault.kind === "omit_field") {
    mutatePath(records, fault.field.split("."), (holder, key) => {
      delete holder[key];
    });
  } else if (fault.kind === "corrupt_field") {
    mutatePath(records, fault.field.split("."), (holder, key) => {
      holder[key] = fault.value;
    });
  }
  return copy;
}

/** A 200 body cut in half: what a dropped connection behind a proxy can look like. */
export function malformed(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
