import {
  type ClientRuntime,
  createRobinhoodClient,
  type RobinhoodClientOptions,
  type RobinhoodSession,
} from "@/lib/robinhood/client";
import {
  DEMO_PASSWORD,
  DEMO_USERNAME,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "@/simulator";

/** A fixed seed so every assertion on generated data is stable. */
export const TEST_SEED = 7_357;

/**
 * Client time that only moves when the client sleeps: retries and polling run instantly and the
 * waits they asked for are recorded.
 */
export function fakeRuntime(startMs = Date.parse("2026-11-18T22:00:00Z")) {
  const slept: number[] = [];
  let now = startMs;
  let jitter = 0.5;
  const runtime: ClientRuntime = {
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    now: () => now,
    random: () => jitter,
  };
  return {
    runtime,
    slept,
    setJitter(value: number) {
      jitter = value;
    },
  };
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, seed: TEST_SEED, ...options });
}

export function testClient(
  simulator: RunningSimulator,
  options: Omit<RobinhoodClientOptions, "baseUrl"> = {},
) {
  const fake = fakeRuntime();
  const client = createRobinhoodClient({ baseUrl: simulator.url, runtime: fake.runtime, ...options });
  return { client, ...fake };
}

export const DEMO_DEVICE_TOKEN = "5f0c2a8e-93b1-47d2-8e6a-1c4b7d9e2f30";

export async function signInDemo(
  simulator: RunningSimulator,
  options: Omit<RobinhoodClientOptions, "baseUrl"> = {},
): Promise<{ session: RobinhoodSession } & ReturnType<typeof testClient>> {
  const context = testClient(simulator, options);
  const outcome = await context.client.login({
    username: DEMO_USERNAME,
    password: DEMO_PASSWORD,
    deviceToken: DEMO_DEVICE_TOKEN,
  });
  if (outcome.kind !== "authenticated") throw new Error(`demo login gave ${outcome.kind}`);
  return { session: context.client.createSession(outcome.tokens), ...context };
}
