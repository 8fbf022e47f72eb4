import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  isRobinhoodError,
  type LoginCredentials,
  type LoginOutcome,
  RobinhoodError,
} from "@/lib/robinhood/client";
import { type RunningSimulator, TEST_CODE, TEST_PASSWORD, TEST_TOTP_SECRET, totp } from "@/simulator";
import { startTestSimulator, testClient } from "./helpers";

let simulator: RunningSimulator;
let deviceCounter = 0;

function credentials(username: string, deviceToken?: string): LoginCredentials {
  deviceCounter += 1;
  return {
    username,
    password: TEST_PASSWORD,
    deviceToken: deviceToken ?? `00000000-0000-4000-8000-${String(deviceCounter).padStart(12, "0")}`,
  };
}

function expectKind<K extends LoginOutcome["kind"]>(
  outcome: LoginOutcome,
  kind: K,
): Extract<LoginOutcome, { kind: K }> {
  expect(outcome.kind).toBe(kind);
  return outcome as Extract<LoginOutcome, { kind: K }>;
}

async function rejection(promise: Promise<unknown>): Promise<RobinhoodError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RobinhoodError)) throw new Error(`expected a RobinhoodError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.controls.reset();
});

describe("password grant", () => {
  it("signs the demo user straight in and the token reads /user/", async () => {
    const { client } = testClient(simulator);
    const outcome = await client.login({
      username: "demo@rollbook.dev",
      password: "rollbook-demo",
      deviceToken: "aaaaaaaa-0000-4000-8000-000000000000",
    });
    const { tokens } = expectKind(outcome, "authenticated");
    expect(tokens.tokenType).toBe("Bearer");
    expect(tokens.expiresIn).toBe(86_400);
    expect(tokens.accessToken.split(".")).toHaveLength(3);
    const user = await client.createSession(tokens).getUser();
    expect(user.username).toBe("demo@rollbook.dev");
  });

  it("reports a wrong password as invalid_credentials without echoing the password", async () => {
    const { client } = testClient(simulator);
    const error = await rejection(
      client.login({ username: "demo@rollbook.dev", password: "hunter2-wrong", deviceToken: "x-device" }),
    );
    expect(error.code).toBe("invalid_credentials");
    expect(error.status).toBe(400);
    expect(error.userMessage).toBe("Robinhood did not accept this username and password.");
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("hunter2-wrong");
    expect(simulator.controls.countRequests({ path: "/oauth2/token/" })).toBe(1);
  });

  it("treats an unknown user exactly like a wrong password", async () => {
    const { client } = testClient(simulator);
    const error = await rejection(client.login(credentials("nobody@rollbook.dev")));
    expect(error.code).toBe("invalid_credentials");
  });
});

describe("legacy MFA", () => {
  it("asks for an SMS code, refuses a wrong one, accepts the right one", async () => {
    const { client } = testClient(simulator);
    const creds = credentials("mfa-sms@rollbook.dev");
    const step = expectKind(await client.login(creds), "mfa_required");
    expect(step.mfaType).toBe("sms");
    const wrong = await rejection(client.submitMfaCode({ credentials: creds, code: "000000" }));
    expect(wrong.code).toBe("invalid_code");
    expectKind(await client.submitMfaCode({ credentials: creds, code: TEST_CODE }), "authenticated");
  });

  it("accepts the authenticator (TOTP) code for mfa_type app", async () => {
    const { client } = testClient(simulator);
    const creds = credentials("mfa-app@rollbook.dev");
    expect(expectKind(await client.login(creds), "mfa_required").mfaType).toBe("app");
    expectKind(
      await client.submitMfaCode({ credentials: creds, code: totp(TEST_TOTP_SECRET, Date.now()) }),
      "authenticated",
    );
  });
});

describe("legacy challenge", () => {
  it("asks for a channel, issues an SMS challenge, counts down wrong codes and signs in with the right one", async () => {
    const { client } = testClient(simulator);
    const creds = credentials("challenge@rollbook.dev");
    const choose = expectKind(await client.login(creds), "challenge_type_required");
    expect(choose.challengeTypes).toEqual(["sms", "email"]);
    const issued = expectKind(
      await client.requestChallenge({ credentials: creds, challengeType: "sms" }),
      "challenge_required",
    );
    expect(issued.challenge).toMatchObject({ type: "sms", status: "issued", remainingAttempts: 3 });
    const wrong = await rejection(
      client.submitChallengeCode({ credentials: creds, challengeId: issued.challenge.id, code: "999999" }),
    );
    expect(wrong.code).toBe("invalid_code");
    expect(wrong.remainingAttempts).toBe(2);
    const done = await client.submitChallengeCode({
      credentials: creds,
      challengeId: issued.challenge.id,
      code: TEST_CODE,
    });
    expectKind(done, "authenticated");
    // The re-posted grant carried the challenge id header; the simulator only accepts it once.
    const replay = await rejection(
      client.submitChallengeCode({ credentials: creds, challengeId: issued.challenge.id, code: TEST_CODE }),
    );
    expect(replay.code).toBe("login_failed");
  });

  it("fails with challenge_failed once every attempt is used", async () => {
    const { client } = testClient(simulator);
    const creds = credentials("challenge@rollbook.dev");
    const issued = expectKind(
      await client.requestChallenge({ credentials: creds, challengeType: "email" }),
      "challenge_required",
    );
    const codes = [];
    for (let i = 0; i < 3; i += 1) {
      codes.push(
        (
          await rejection(
            client.submitChallengeCode({
              credentials: creds,
              challengeId: issued.challenge.id,
              code: "000000",
            }),
          )
        ).code,
      );
    }
    expect(codes).toEqual(["invalid_code", "invalid_code", "challenge_failed"]);
  });
});

describe("verification workflow", () => {
  it.each([
    ["verify-sms@rollbook.dev", "sms"],
    ["verify-email@rollbook.dev", "email"],
  ])("%s: code challenge, then the identical grant returns tokens", async (username, type) => {
    const { client } = testClient(simulator);
    const creds = credentials(username);
    const step = expectKind(await client.login(creds), "verification_required");
    expect(step.verification.challenge).toMatchObject({ type, status: "issued", remainingAttempts: 3 });
    expect(step.verification.workflowId).not.toBe(step.verification.inquiryId);
    const wrong = await rejection(
      client.submitVerificationCode({ credentials: creds, verification: step.verification, code: "111111" }),
    );
    expect(wrong).toMatchObject({ code: "invalid_code", remainingAttempts: 2 });
    const done = await client.submitVerificationCode({
      credentials: creds,
      verification: step.verification,
      code: TEST_CODE,
    });
    expectKind(done, "authenticated");
    expect(simulator.controls.countRequests({ path: "/oauth2/token/" })).toBe(2);
    expect(simulator.controls.countRequests({ path: "/pathfinder/user_machine/" })).toBe(1);
  });

  it("verifies an authenticator-app challenge with the TOTP code", async () => {
    const { client } = testClient(simulator);
    const creds = credentials("verify-app@rollbook.dev");
    const step = expectKind(await client.login(creds), "verification_required");
    expect(step.verification.challenge.type).toBe("app");
    const done = await client.submitVerificationCode({
      credentials: creds,
      verification: step.verification,
      code: totp(TEST_TOTP_SECRET, Date.now()),
    });
    expectKind(done, "authenticated");
  });

  it("remembers an approved device: the next sign-in needs no verification", async () => {
    const { client } = testClient(simulator);
    const creds = credentials("verify-sms@rollbook.dev");
    const step = expectKind(await client.login(creds), "verification_required");
    await client.submitVerificationCode({
      credentials: creds,
      verification: step.verification,
      code: TEST_CODE,
    });
    expectKind(await client.login(creds), "authenticated");
    // A different device token is a new device again.
    expectKind(
      await client.login({ ...creds, deviceToken: "ffffffff-0000-4000-8000-000000000000" }),
      "verification_required",
    );
  });

  it("polls an app prompt every interval until it is approved, then signs in", async () => {
    const { client, slept } = testClient(simulator, {
      polling: { promptIntervalMs: 5_000, promptTimeoutMs: 60_000 },
    });
    const creds = credentials("verify-prompt@rollbook.dev");
    const step = expectKind(await client.login(creds), "verification_required");
    expect(step.verification.challenge.type).toBe("prompt");
    expect(await client.checkVerificationPrompt({ verification: step.verification })).toBe("pending");
    const done = await client.waitForVerificationApproval({
      credentials: creds,
      verification: step.verification,
    });
    expectKind(done, "authenticated");
    // One manual check + the approving poll (the simulator approves on the 2nd poll).
    expect(
      simulator.controls.countRequests({
        path: `/push/${step.verification.challenge.id}/get_prompts_status/`,
      }),
    ).toBe(2);
    expect(slept).toEqual([]);
  });

  it("gives up on a prompt that is never approved, after a bounded number of polls", async () => {
    const { client, slept } = testClient(simulator, {
      polling: { promptIntervalMs: 5_000, promptTimeoutMs: 30_000 },
    });
    const creds = credentials("prompt-never@rollbook.dev");
    const step = expectKind(await client.login(creds), "verification_required");
    const error = await rejection(
      client.waitForVerificationApproval({ credentials: creds, verification: step.verification }),
    );
    expect(error.code).toBe("verification_timeout");
    expect(error.userMessage).toBe("The sign-in was not approved in time. Start the sign-in again.");
    const polls = simulator.controls.countRequests({
      path: `/push/${step.verification.challenge.id}/get_prompts_status/`,
    });
    expect(polls).toBe(7);
    expect(slept).toEqual([5_000, 5_000, 5_000, 5_000, 5_000, 5_000]);
    expect(simulator.controls.countRequests({ path: "/oauth2/token/" })).toBe(1);
  });

  it("reports a prompt denied in the app as challenge_failed", async () => {
    const { client } = testClient(simulator);
    const creds = credentials("prompt-never@rollbook.dev");
    const step = expectKind(await client.login(creds), "verification_required");
    simulator.controls.answerPrompt(step.verification.challenge.id, "deny");
    const error = await rejection(
      client.waitForVerificationApproval({ credentials: creds, verification: step.verification }),
    );
    expect(error.code).toBe("challenge_failed");
  });

  it("finishes after a prompt approved from outside (a UI polling across requests)", async () => {
    const { client } = testClient(simulator);
    const creds = credentials("prompt-never@rollbook.dev");
    const step = expectKind(await client.login(creds), "verification_required");
    simulator.controls.answerPrompt(step.verification.challenge.id, "approve");
    expect(await client.checkVerificationPrompt({ verification: step.verification })).toBe("approved");
    expectKind(
      await client.finishVerification({ credentials: creds, verification: step.verification }),
      "authenticated",
    );
  });

  it("waits out a throttled prompt poll (the 2025 lockouts) within the retry policy", async () => {
    const { client, slept } = testClient(simulator);
    const creds = credentials("verify-prompt@rollbook.dev");
    const step = expectKind(await client.login(creds), "verification_required");
    const path = `/push/${step.verification.challenge.id}/get_prompts_status/`;
    simulator.controls.addFault({ path, fault: { kind: "throttle", seconds: 12 } });
    expectKind(
      await client.waitForVerificationApproval({ credentials: creds, verification: step.verification }),
      "authenticated",
    );
    expect(slept[0]).toBe(12_000);
    expect(simulator.controls.requests({ path }).map((r) => r.status)).toEqual([429, 200, 200]);
  });
});

describe("tokens", () => {
  it("refreshes into a new pair and revokes so the old refresh token stops working", async () => {
    const { client } = testClient(simulator);
    const first = expectKind(
      await client.login({ username: "demo@rollbook.dev", password: "rollbook-demo", deviceToken: "d1" }),
      "authenticated",
    ).tokens;
    const second = await client.refreshTokens({ refreshToken: first.refreshToken, deviceToken: "d1" });
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const reused = await rejection(client.refreshTokens({ refreshToken: first.refreshToken }));
    expect(reused.code).toBe("session_expired");
    expect(reused.message).not.toContain(first.refreshToken);
    await client.revokeToken({ refreshToken: second.refreshToken });
    const revoked = await rejection(client.refreshTokens({ refreshToken: second.refreshToken }));
    expect(revoked.code).toBe("session_expired");
    const dead = await rejection(client.createSession(second).getUser());
    expect(dead.code).toBe("session_expired");
    expect(isRobinhoodError(dead, "session_expired")).toBe(true);
  });
});
