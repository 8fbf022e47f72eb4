import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { userMessageOf } from "@/lib/errors/describe-error";
import { AccountDeletedError } from "@/lib/server/db/account-deleted-error";
import { receivedError, sendableError } from "@/lib/server/imports/import-worker-protocol";

// An error crosses from the import's worker thread as plain data (structured clone keeps no class).
function crossThreads(error: unknown): Error {
  return receivedError(structuredClone(sendableError(error)));
}

describe("errors from the import worker", () => {
  it("an AppError arrives as an AppError with its code, user message and status", () => {
    const sent = new AppError("csv_unreadable", {
      message: "for logs",
      userMessage: "The file is not a CSV.",
      responseStatus: 422,
    });
    const received = crossThreads(sent);
    expect(isAppError(received, "csv_unreadable")).toBe(true);
    expect(received).toMatchObject({
      message: "for logs",
      userMessage: "The file is not a CSV.",
      responseStatus: 422,
    });
    expect(userMessageOf(received)).toBe("The file is not a CSV.");
  });

  it("a deleted account arrives as AccountDeletedError, which pages turn into a sign-in redirect", () => {
    expect(crossThreads(new AccountDeletedError())).toBeInstanceOf(AccountDeletedError);
  });

  it("any other error keeps its name and message but is never shown to the user", () => {
    const received = crossThreads(new TypeError("connection terminated"));
    expect(received).toMatchObject({ name: "TypeError", message: "connection terminated" });
    expect(isAppError(received)).toBe(false);
    expect(userMessageOf(received)).toBe("An internal error occurred. Try again later.");
  });
});
