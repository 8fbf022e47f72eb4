import { z } from "zod";

/** A fault to inject into matching API responses (not into the control endpoints themselves). */
export const faultSchema = z.discriminatedUnion("kind", [
  /** 429 with DRF's throttle text; `retryAfterHeader` adds `Retry-After`, `detailSeconds: false` leaves the number out of the text. */
  z.object({
    kind: z.literal("throttle"),
    seconds: z.number().nonnegative(),
    retryAfterHeader: z.boolean().default(false),
    detailSeconds: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal("status"),
    status: z.number().int().min(400).max(599),
    body: z.unknown().optional(),
  }),
  /** Wait before answering normally (drives client timeouts). */
  z.object({ kind: z.literal("delay"), ms: z.number().int().nonnegative().max(600_000) }),
  /** 200 with a truncated, unparseable body. */
  z.object({ kind: z.literal("malformed_json") }),
  /** Unknown extra fields on the body and on every result record. */
  z.object({ kind: z.literal("extra_fields") }),
  /** Remove a field (dotted path, arrays traversed) from every result record, or from the body. */
  z.object({ kind: z.literal("omit_field"), field: z.string().min(1) }),
  /** Replace a field's value (dotted path, arrays traversed). */
  z.object({ kind: z.literal("corrupt_field"), field: z.string().min(1), value: z.unknown() }),
]);
export type Fault = z.infer<typeof faultSchema>;

export const faultRuleSchema = z.object({
  /** Exact path (`/options/orders/`) or a prefix ending in `*` (`/options/*`). */
  path: z.string().startsWith("/"),
  method: z.string().toUpperCase().optional(),
  /** Let this many matching requests through first (`skip: 1` hits the second page). */
  skip: z.number().int().nonnegative().default(0),
  /** How many matching requests to affect; null = all following ones. */
  times: z.number().int().positive().nullable().default(1),
  fault: faultSchema,
});
export type FaultRuleInput = z.input<typeof faultRuleSchema>;

interface ActiveRule {
  id: number;
  rule: z.infer<typeof faultRuleSchema>;
  seen: number;
  hits: number;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Null until the response is sent (a delayed request the client gave up on stays null for a while). */
  status: number | null;
  /** The injected fault, if one applied. */
  fault: Fault["kind"] | null;
}

/** Fault rules and the request log, shared by the HTTP control endpoints and the programmatic API. */
export class ControlState {
  private rules: ActiveRule[] = [];
  private nextRuleId = 1;
  private log: RequestLogEntry[] = [];
  private seq = 0;

  addFault(input: FaultRuleInput): number {
    const rule = faultRuleSchema.parse(input);
    const id = this.nextRuleId;
    this.nextRuleId += 1;
    this.rules.push({ id, rule, seen: 0, hits: 0 });
    return id;
  }

  clearFaults(): void {
    this.rules = [];
  }

  /** The fault for this request, if a rule is due; counts the request against every matching rule. */
  takeFault(method: string, path: string): Fault | undefined {
    let chosen: Fault | undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method !== method) continue;
      const matches = rule.path.endsWith("*") ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;
      if (!matches) continue;
      active.seen += 1;
      if (chosen || active.seen <= rule.skip) continue;
      if (rule.times !== null && active.hits >= rule.times) continue;
      active.hits += 1;
      chosen = rule.fault;
    }
    return chosen;
  }

  /** Logs a request on arrival, so requests the client abandons are counted too. */
  record(entry: Omit<RequestLogEntry, "seq" | "status">): RequestLogEntry {
    this.seq += 1;
    const logged: RequestLogEntry = { seq: this.seq, status: null, ...entry };
    this.log.push(logged);
    return logged;
  }

  requests(filter: { path?: string; method?: string } = {}): RequestLogEntry[] {
    return this.log.filter(
      (entry) =>
        (!filter.path || entry.path === filter.path) &&
        (!filter.method || entry.method === filter.method.toUpperCase()),
    );
  }

  clearRequests(): void {
    this.log = [];
  }
}
