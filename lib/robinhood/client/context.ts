import type { ClientRuntime } from "./runtime";
import type { TransportConfig } from "./transport";

/** How long the client waits on the verification workflow's polling steps. */
export interface PollingPolicy {
  /** `get_prompts_status` poll interval while the user approves in the app (robin_stocks: 5 s). */
  promptIntervalMs: number;
  /** Give up on an unapproved prompt after this long. */
  promptTimeoutMs: number;
  /** Interval of the workflow "continue" poll after the challenge is validated. */
  workflowIntervalMs: number;
  /** Give up on the workflow after this long (robin_stocks: 120 s). */
  workflowTimeoutMs: number;
}

export const DEFAULT_POLLING_POLICY: PollingPolicy = {
  promptIntervalMs: 5_000,
  promptTimeoutMs: 120_000,
  workflowIntervalMs: 5_000,
  workflowTimeoutMs: 120_000,
};

/** What every client operation needs; built once by `createRobinhoodClient`. */
export interface ClientContext {
  transport: TransportConfig;
  runtime: ClientRuntime;
  polling: PollingPolicy;
  clientId: string;
  tokenLifetimeSeconds: number;
}
