import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRobinhoodClient, RobinhoodError, type RobinhoodSession } from "@/lib/robinhood/client";
import type { RunningSimulator } from "@/simulator";
import { fakeRuntime, signInDemo, startTestSimulator } from "./helpers";

let simulator: RunningSimulator;
let session: RobinhoodSession;
/** Same tokens, but a 150 ms request timeout: only for the delay tests, so slow CI cannot trip the others. */
let impatient: RobinhoodSession;
let impatientSlept: number[];
let slept: number[];
let setJitter: (value: number) => void;
let accessToken: string;

const ORDERS = "/options/orders/";

async function failure(promise: Promise<unknown>): Promise<RobinhoodError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RobinhoodError)) throw new Error(`expected a RobinhoodError, got ${String(error)}`);
  // No error may carry the bearer token anywhere.
  expect(
    JSON.stringify({ message: error.message, detail: error.detail, user: error.userMessage }),
  ).not.toContain(accessToken);
  return error;
}

const statuses = (path: string) => simulator.controls.requests({ path }).map((entry) => entry.status);

beforeAll(async () => {
  simulator = await startTestSimulator();
  const retry = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 1_000, maxThrottleWaitMs: 30_000 };
  const signedIn = await signInDemo(simulator, { retry, timeouts: { requestMs: 10_000 } });
  ({ session, slept, setJitter } = signedIn);
  accessToken = session.tokens().accessToken;
  // Generating the two-year history takes longer than the short timeout below; do it first.
  await session.getUser();
  const fake = fakeRuntime();
  impatientSlept = fake.slept;
  impatient = createRobinhoodClient({
    baseUrl: simulator.url,
    runtime: fake.runtime,
    retry,
    timeouts: { requestMs: 150 },
  }).createSession(session.tokens());
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.controls.reset();
  slept.length = 0;
  impatientSlept.length = 0;
  setJitter(0.5);
});

describe("throttling (429)", () => {
  it("waits the seconds named in the throttle message, then succeeds", async () => {
    simulator.controls.addFault({ path: "/user/", fault: { kind: "throttle", seconds: 14 } });
    const user = await session.getUser();
    expect(user.username).toBe("demo@rollbook.dev");
    expect(slept).toEqual([14_000]);
    expect(statuses("/user/")).toEqual([429, 200]);
  });

  it("falls back to Retry-After when the message has no number", async () => {
    simulator.controls.addFault({
      path: "/user/",
      fault: { kind: "throttle", seconds: 3, retryAfterHeader: true, detailSeconds: false },
    });
    await session.getUser();
    expect(slept).toEqual([3_000]);
  });

  it("fails at once when the wait is longer than the policy allows", async () => {
    simulator.controls.addFault({ path: "/user/", fault: { kind: "throttle", seconds: 1_154_515 } });
    const error = await failure(session.getUser());
    expect(error).toMatchObject({
      code: "throttled",
      status: 429,
      retryAfterSeconds: 1_154_515,
      attempts: 1,
    });
    expect(error.detail).toBe("Request was throttled. Expected available in 1154515 seconds.");
    expect(slept).toEqual([]);
    expect(statuses("/user/")).toEqual([429]);
  });

  it("stops after maxAttempts when the throttling never ends", async () => {
    simulator.controls.addFault({ path: "/user/", times: null, fault: { kind: "throttle", seconds: 2 } });
    const error = await failure(session.getUser());
    expect(error.code).toBe("throttled");
    expect(error.userMessage).toBe("Robinhood is limiting requests right now. Try again later.");
    expect(statuses("/user/")).toEqual([429, 429, 429, 429]);
    expect(slept).toEqual([2_000, 2_000, 2_000]);
  });
});

describe("server errors and timeouts", () => {
  it("retries a 503 with exponential backoff and jitter", async () => {
    simulator.controls.addFault({ path: "/user/", times: 2, fault: { kind: "status", status: 503 } });
    setJitter(0);
    await session.getUser();
    // Equal jitter: half fixed, half random; jitter 0 gives exactly half of 200 and 400.
    expect(slept).toEqual([100, 200]);
    expect(statuses("/user/")).toEqual([503, 503, 200]);
  });

  it("gives up after maxAttempts of 5xx with server_error", async () => {
    simulator.controls.addFault({ path: "/user/", times: null, fault: { kind: "status", status: 502 } });
    setJitter(1);
    const error = await failure(session.getUser());
    expect(error).toMatchObject({ code: "server_error", status: 502, attempts: 4 });
    expect(error.message).toBe("GET /user/: HTTP 502 after 4 attempt(s)");
    expect(slept).toEqual([200, 400, 800]);
  });

  it("retries a request that times out, then succeeds", async () => {
    simulator.controls.addFault({ path: "/user/", fault: { kind: "delay", ms: 1_000 } });
    const user = await impatient.getUser();
    expect(user.username).toBe("demo@rollbook.dev");
    expect(impatientSlept).toHaveLength(1);
    expect(simulator.controls.requests({ path: "/user/" }).map((r) => r.fault)).toEqual(["delay", null]);
  });

  it("reports timeout after every attempt timed out", async () => {
    simulator.controls.addFault({ path: "/user/", times: null, fault: { kind: "delay", ms: 1_000 } });
    const error = await failure(impatient.getUser());
    expect(error).toMatchObject({ code: "timeout", attempts: 4 });
    expect(error.message).toBe("GET /user/: no response within 150 ms after 4 attempt(s)");
    // All four reached the server; none had been answered when the client gave up.
    expect(statuses("/user/")).toEqual([null, null, null, null]);
  });

  it("stops at once when the caller cancels, without retrying", async () => {
    simulator.controls.addFault({ path: "/user/", fault: { kind: "delay", ms: 1_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await failure(session.getUser({ signal: controller.signal }));
    expect(error).toMatchObject({ code: "aborted", attempts: 1 });
    expect(simulator.controls.countRequests({ path: "/user/" })).toBe(1);
    expect(slept).toEqual([]);
  });

  it("does not retry other 4xx: a 404 is not_found", async () => {
    simulator.controls.addFault({ path: "/user/", fault: { kind: "status", status: 404 } });
    const error = await failure(session.getUser());
    expect(error).toMatchObject({ code: "not_found", status: 404, attempts: 1 });
    expect(statuses("/user/")).toEqual([404]);
  });
});

describe("malformed responses", () => {
  it("rejects a truncated JSON body without retrying", async () => {
    simulator.controls.addFault({ path: "/user/", fault: { kind: "malformed_json" } });
    const error = await failure(session.getUser());
    expect(error.code).toBe("invalid_response");
    expect(error.message).toBe("GET /user/: HTTP 200 with a body that is not valid JSON");
    expect(statuses("/user/")).toEqual([200]);
  });

  it("tolerates unknown extra fields: the known ones parse the same, and the new ones are kept", async () => {
    const clean = await session.listOptionOrders({ pageSize: 500 });
    simulator.controls.addFault({ path: ORDERS, times: null, fault: { kind: "extra_fields" } });
    const noisy = await session.listOptionOrders({ pageSize: 500 });
    // Kept so that a sync stores each order as Robinhood sent it (option_orders.raw).
    expect(noisy).toEqual(
      clean.map((order) => ({ ...order, added_in_future_version: true, new_nested: { a: 1 } })),
    );
    expect(
      simulator.controls.requests({ path: ORDERS }).filter((r) => r.fault === "extra_fields").length,
    ).toBeGreaterThan(0);
  });

  it("names the path and field of a missing value", async () => {
    simulator.controls.addFault({
      path: ORDERS,
      fault: { kind: "omit_field", field: "legs.executions.price" },
    });
    const error = await failure(session.listOptionOrders());
    expect(error.code).toBe("invalid_response");
    expect(error.message).toMatch(
      /^GET \/options\/orders\/: unexpected response shape: results\[\d+\]\.legs\[0\]\.executions\[0\]\.price: Invalid input: expected string, received undefined/,
    );
  });

  it("names the path and field of a malformed value", async () => {
    simulator.controls.addFault({
      path: ORDERS,
      fault: { kind: "corrupt_field", field: "processed_premium", value: "12,5" },
    });
    const error = await failure(session.listOptionOrders());
    expect(error.message).toContain("results[0].processed_premium: expected a decimal string");
  });

  it("surfaces a failure on a later page instead of returning a partial list", async () => {
    simulator.controls.addFault({
      path: ORDERS,
      skip: 2,
      times: null,
      fault: { kind: "status", status: 500 },
    });
    const error = await failure(session.listOptionOrders({ pageSize: 100 }));
    expect(error.code).toBe("server_error");
    expect(statuses(ORDERS)).toEqual([200, 200, 500, 500, 500, 500]);
  });
});

describe("links to another host", () => {
  it("refuses to follow a next link that points elsewhere, so the token never leaves", async () => {
    const elsewhere = await startTestSimulator({ publicUrl: "http://links.example.test" });
    try {
      // The client talks to the real port; the payload links name another host.
      const signedIn = await signInDemo({ ...elsewhere, url: `http://127.0.0.1:${elsewhere.port}` });
      accessToken = signedIn.session.tokens().accessToken;
      const error = await failure(signedIn.session.listOptionOrders({ pageSize: 10 }));
      expect(error.code).toBe("invalid_response");
      expect(error.message).toBe(
        "GET /options/orders/: pagination link points at another host (http://links.example.test)",
      );
      expect(elsewhere.controls.countRequests({ path: ORDERS })).toBe(1);
    } finally {
      await elsewhere.close();
    }
  });
});
