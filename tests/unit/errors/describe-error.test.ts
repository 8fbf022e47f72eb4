import { describe, expect, it } from "vitest";
import { type AppError, isAppError, toAppError } from "@/lib/errors/app-error";
import { errorForLog, isUnexpected, stepFailed, userMessageOf } from "@/lib/errors/describe-error";
import { RobinhoodError } from "@/lib/robinhood/client";
import { CsvFileError } from "@/lib/robinhood/csv";
import { UnauthorizedError } from "@/lib/server/auth/require-user";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";
import { DemoDisabledError } from "@/lib/server/demo/demo-errors";

describe("the AppError family", () => {
  it("every domain error is an AppError with a stable code and a response status", () => {
    const cases: [AppError, string, number][] = [
      [new RobinhoodError({ code: "throttled", message: "429", status: 429 }), "throttled", 429],
      [new RobinhoodError({ code: "network_error", message: "ECONNREFUSED" }), "network_error", 502],
      [new UnauthorizedError(), "unauthorized", 401],
      [new AccountDeletedError(), "account_deleted", 410],
      [new DemoDisabledError(), "demo_disabled", 403],
      [new CsvFileError("the file is UTF-16 text"), "csv_unreadable", 422],
    ];
    for (const [error, code, status] of cases) {
      expect(isAppError(error)).toBe(true);
      expect(error.code).toBe(code);
      expect(error.responseStatus).toBe(status);
    }
  });

  it("a Robinhood error keeps Robinhood's own HTTP status apart from Rollbook's answer", () => {
    const error = new RobinhoodError({ code: "server_error", message: "HTTP 503", status: 503 });
    expect(error.status).toBe(503);
    expect(error.responseStatus).toBe(502);
  });

  it("anything else becomes `internal`, with the original kept as the cause", () => {
    const original = new TypeError("x is undefined");
    const wrapped = toAppError(original);
    expect(wrapped.code).toBe("internal");
    expect(wrapped.cause).toBe(original);
    expect(toAppError(new UnauthorizedError()).code).toBe("unauthorized");
  });
});

describe("the one translation from an error to user text", () => {
  it("an AppError says its own user message, never its technical one", () => {
    const error = new RobinhoodError({ code: "network_error", message: "GET /user/: ECONNREFUSED" });
    expect(userMessageOf(error)).toBe("Robinhood could not be reached. Check the connection and try again.");
  });

  it("anything else says the fallback and quotes nothing from the error", () => {
    const text = userMessageOf(new Error("password=hunter2"), { fallback: "It failed." });
    expect(text).toBe("It failed.");
    expect(userMessageOf(new Error("password=hunter2"))).toBe("An internal error occurred. Try again later.");
  });

  it("an adapter may word one code its own way", () => {
    const text = userMessageOf(new UnauthorizedError(), {
      overrides: { unauthorized: "Your session ended. Sign in again to delete your account." },
    });
    expect(text).toBe("Your session ended. Sign in again to delete your account.");
  });

  it("a failed step puts what was done first in front of the cause's message", () => {
    const cause = new RobinhoodError({ code: "timeout", message: "no answer" });
    const error = stepFailed("sync_failed", { prefix: "Sync failed:", cause });
    expect(error.userMessage).toBe("Sync failed: Robinhood did not answer in time. Try again later.");
    expect(error.cause).toBe(cause);
    expect(error.responseStatus).toBe(504);
    expect(
      stepFailed("recompute_failed", { prefix: "Recompute failed:", cause: new Error("boom") }).userMessage,
    ).toBe("Recompute failed: an internal error occurred. Try again later.");
  });
});

describe("what a log line keeps", () => {
  it("names, codes and messages down the cause chain, and no stack", () => {
    const cause = new Error("relation does not exist");
    const logged = errorForLog(stepFailed("import_failed", { prefix: "Import failed:", cause }));
    expect(logged).toEqual({
      name: "AppError",
      code: "import_failed",
      message: "Import failed: (Error)",
      cause: { name: "Error", message: "relation does not exist" },
    });
    expect(JSON.stringify(logged)).not.toContain("at ");
  });

  it("an error is unexpected when anything in its chain is not an AppError", () => {
    expect(isUnexpected(new UnauthorizedError())).toBe(false);
    expect(isUnexpected(stepFailed("sync_failed", { prefix: "x", cause: new AccountDeletedError() }))).toBe(
      false,
    );
    expect(isUnexpected(stepFailed("sync_failed", { prefix: "x", cause: new Error("bug") }))).toBe(true);
    expect(isUnexpected(new Error("bug"))).toBe(true);
  });
});
