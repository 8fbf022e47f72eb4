import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { DEFAULT_SIMULATOR_NOW } from "./history/generate-history";
import type { SimHistory } from "./history/types";
import type { FaultRuleInput, RequestLogEntry } from "./server/controls";
import { createRequestHandler } from "./server/request-handler";
import { SimulatorState } from "./server/simulator-state";
import { DEFAULT_USERS, simulatedUserSchema } from "./users";

export const DEFAULT_SIMULATOR_SEED = 20_241_118;
export const DEFAULT_SIMULATOR_PORT = 4_010;

export const simulatorOptionsSchema = z.object({
  /** 0 picks a free port (tests). */
  port: z.number().int().min(0).max(65_535).default(DEFAULT_SIMULATOR_PORT),
  host: z.string().default("127.0.0.1"),
  seed: z.number().int().default(DEFAULT_SIMULATOR_SEED),
  /** The simulated present: histories end here. Fixed by default so data never depends on the wall clock. */
  now: z.iso.datetime({ offset: true }).default(DEFAULT_SIMULATOR_NOW),
  /** Replaces the built-in users. */
  users: z.array(simulatedUserSchema).optional(),
  /** Access-token lifetime the simulator grants at most. */
  tokenLifetimeSeconds: z.number().int().positive().default(86_400),
  /** Base for absolute links in payloads; by default the Host the client called. */
  publicUrl: z.url().optional(),
});
export type SimulatorOptions = z.input<typeof simulatorOptionsSchema> & {
  /** Clock for sign-in state only (token expiry, TOTP, challenge expiry); never for data. */
  clock?: () => number;
};

export interface SimulatorControls {
  addFault(rule: FaultRuleInput): number;
  clearFaults(): void;
  requests(filter?: { path?: string; method?: string }): RequestLogEntry[];
  countRequests(filter?: { path?: string; method?: string }): number;
  clearRequests(): void;
  /** Faults and the request log; with `auth`, also sessions, approved devices and challenges. */
  reset(options?: { auth?: boolean }): void;
  /** Makes every access token issued so far invalid (401), as if it had expired. */
  expireAccessTokens(): number;
  /** Approves (or denies) an app prompt from outside, as the user tapping in the app. */
  answerPrompt(challengeId: string, answer: "approve" | "deny"): void;
  history(username: string): SimHistory;
  activityReport(username: string): string;
}

export interface RunningSimulator {
  url: string;
  port: number;
  controls: SimulatorControls;
  close(): Promise<void>;
}

export async function startSimulator(input: SimulatorOptions = {}): Promise<RunningSimulator> {
  const options = simulatorOptionsSchema.parse(input);
  const users = (options.users ?? DEFAULT_USERS.map((user) => simulatedUserSchema.parse(user))).map((user) =>
    simulatedUserSchema.parse(user),
  );
  const state = new SimulatorState({
    seed: options.seed,
    now: options.now,
    users,
    clock: input.clock ?? (() => Date.now()),
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
  });

  const pending = new Set<{ timer: NodeJS.Timeout; reject: (error: Error) => void }>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => {
          pending.delete(entry);
          resolve();
        }, ms),
        reject,
      };
      pending.add(entry);
    });

  const handler = createRequestHandler(state, { sleep });
  const server = createServer((request, response) => {
    handler(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ detail: "A server error occurred." }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  const url = state.options.publicUrl ?? `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;

  const controls: SimulatorControls = {
    addFault: (rule) => state.controls.addFault(rule),
    clearFaults: () => state.controls.clearFaults(),
    requests: (filter) => state.controls.requests(filter),
    countRequests: (filter) => state.controls.requests(filter).length,
    clearRequests: () => state.controls.clearRequests(),
    reset(resetOptions) {
      state.controls.clearFaults();
      state.controls.clearRequests();
      if (resetOptions?.auth) state.auth.clear();
    },
    expireAccessTokens: () => state.auth.expireAccessTokens(),
    answerPrompt(challengeId, answer) {
      const challenge = state.auth.challenge(challengeId);
      if (!challenge) throw new Error(`no challenge ${challengeId}`);
      if (challenge.status === "issued") challenge.status = answer === "approve" ? "validated" : "denied";
    },
    history: (username) => state.history(username),
    activityReport: (username) => state.activityReport(username),
  };

  return {
    url,
    port: address.port,
    controls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const entry of pending) {
          clearTimeout(entry.timer);
          entry.reject(new Error("simulator closed"));
        }
        pending.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
