import { describe, expect, it } from "vitest";
import { userMessageOf } from "@/lib/errors/describe-error";
import { RobinhoodError } from "@/lib/robinhood/client";
import {
  mustRestartSignIn,
  signInRefusals,
  tooManyAttemptsMessage,
} from "@/lib/server/auth/sign-in-refusals";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";

/** What a sign-in step shows for an error, and whether it starts over (as sign-in-steps.ts does). */
function describeSignInFailure(error: unknown) {
  return {
    message: userMessageOf(error, {
      during: "sign-in",
      fallback: "Something went wrong while signing in. Try again.",
    }),
    restart: mustRestartSignIn(error),
  };
}

describe("sign-in failure messages", () => {
  it("a refused password says so and lets the user try again", () => {
    const failure = describeSignInFailure(
      new RobinhoodError({ code: "invalid_credentials", message: "username or password refused" }),
    );
    expect(failure).toEqual({
      message: "Robinhood did not accept this username and password.",
      restart: false,
    });
  });

  it("a wrong code says how many attempts are left and keeps the step", () => {
    const failure = describeSignInFailure(
      new RobinhoodError({ code: "invalid_code", message: "wrong code", remainingAttempts: 2 }),
    );
    expect(failure.message).toBe(
      "That verification code was not accepted. Check the code and try again. 2 attempts left.",
    );
    expect(failure.restart).toBe(false);
  });

  it("a failed or timed-out challenge starts the sign-in over", () => {
    expect(
      describeSignInFailure(new RobinhoodError({ code: "challenge_failed", message: "x" })).restart,
    ).toBe(true);
    expect(
      describeSignInFailure(new RobinhoodError({ code: "verification_timeout", message: "x" })).restart,
    ).toBe(true);
  });

  it("throttling tells the user how long to wait", () => {
    const failure = describeSignInFailure(
      new RobinhoodError({ code: "throttled", message: "429", retryAfterSeconds: 14 }),
    );
    expect(failure.message).toBe("Robinhood is limiting sign-in attempts. Try again in 14 seconds.");
    expect(
      describeSignInFailure(new RobinhoodError({ code: "throttled", message: "429", retryAfterSeconds: 600 }))
        .message,
    ).toBe("Robinhood is limiting sign-in attempts. Try again in 10 minutes.");
  });

  it("an unreachable Robinhood is named as such", () => {
    expect(
      describeSignInFailure(new RobinhoodError({ code: "network_error", message: "ECONNREFUSED" })).message,
    ).toBe("Robinhood could not be reached. Check the connection and try again.");
  });

  it("anything else gets a generic message that quotes nothing from the error", () => {
    const failure = describeSignInFailure(new Error("password=hunter2 leaked in a stack"));
    expect(failure.message).toBe("Something went wrong while signing in. Try again.");
    expect(failure.message).not.toContain("hunter2");
    expect(describeSignInFailure(new AccountDeletedError()).restart).toBe(true);
  });

  it("Rollbook's own refusals start over with their own sentence", () => {
    expect(describeSignInFailure(signInRefusals.codeExpired())).toEqual({
      message: "That verification code has expired. Sign in again to get a new one.",
      restart: true,
    });
    expect(describeSignInFailure(signInRefusals.promptRefused("denied")).message).toBe(
      "The sign-in was denied in the Robinhood app. Sign in again if that was a mistake.",
    );
  });
});

describe("the sign-in limits' refusal", () => {
  it("says how many whole minutes to wait, rounded up", () => {
    expect(tooManyAttemptsMessage(15 * 60_000)).toBe("Too many attempts. Try again in 15 minutes.");
    expect(tooManyAttemptsMessage(14 * 60_000 + 1)).toBe("Too many attempts. Try again in 15 minutes.");
    expect(tooManyAttemptsMessage(60_000)).toBe("Too many attempts. Try again in 1 minute.");
    expect(tooManyAttemptsMessage(0)).toBe("Too many attempts. Try again in 1 minute.");
  });
});
