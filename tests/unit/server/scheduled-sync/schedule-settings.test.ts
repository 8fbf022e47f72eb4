import { describe, expect, it } from "vitest";
import { RobinhoodError } from "@/lib/robinhood/client";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";
import { classifyScheduledFailure } from "@/lib/server/scheduled-sync/record-scheduled-outcome";
import {
  nextSyncAfter,
  retryAfterFailures,
  type ScheduleSettings,
} from "@/lib/server/scheduled-sync/schedule-settings";

const settings: ScheduleSettings = {
  openMinutes: 15,
  closedMinutes: 60,
  backoffMaxMinutes: 360,
  concurrency: 2,
};
const est = (local: string) => new Date(`${local}-05:00`);
const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;

describe("nextSyncAfter", () => {
  it("is one open interval later while options trade", () => {
    const at = est("2026-12-02T11:00:00");
    expect(minutesBetween(at, nextSyncAfter(at, settings))).toBe(15);
  });

  it("is one closed interval later at night and on weekends", () => {
    const night = est("2026-12-02T22:10:00");
    expect(minutesBetween(night, nextSyncAfter(night, settings))).toBe(60);
    const saturday = est("2026-12-05T11:00:00");
    expect(minutesBetween(saturday, nextSyncAfter(saturday, settings))).toBe(60);
  });

  it("does not sleep through the opening: a sync before 09:30 is followed by one at 09:30", () => {
    expect(nextSyncAfter(est("2026-12-02T09:00:00"), settings)).toEqual(est("2026-12-02T09:30:00"));
    // Never sooner than one open interval, though.
    expect(nextSyncAfter(est("2026-12-02T09:25:00"), settings)).toEqual(est("2026-12-02T09:40:00"));
  });

  it("reads the closing marks: the last sync in the session is followed by one after the close", () => {
    const last = est("2026-12-02T16:10:00");
    expect(nextSyncAfter(last, settings)).toEqual(est("2026-12-02T16:25:00"));
  });
});

describe("retryAfterFailures", () => {
  it("doubles from one open interval and stops at the cap", () => {
    const at = est("2026-12-02T11:00:00");
    const waits = [1, 2, 3, 4, 5, 6, 7, 30].map((n) =>
      minutesBetween(at, retryAfterFailures(at, n, settings)),
    );
    expect(waits).toEqual([15, 30, 60, 120, 240, 360, 360, 360]);
  });
});

describe("classifyScheduledFailure", () => {
  const at = est("2026-12-02T11:00:00");

  it("turns a refused refresh into reconnect needed", () => {
    const error = new RobinhoodError({ code: "session_expired", message: "refresh token was refused" });
    expect(classifyScheduledFailure(error, at)).toEqual({ kind: "reconnect-needed" });
  });

  it("pauses for as long as Robinhood asked on a 429, a minute when it did not say", () => {
    const asked = new RobinhoodError({
      code: "throttled",
      message: "throttled",
      endpoint: "GET /options/orders/",
      retryAfterSeconds: 600,
    });
    expect(classifyScheduledFailure(asked, at)).toEqual({
      kind: "throttled",
      until: new Date(at.getTime() + 600_000),
      endpoint: "GET /options/orders/",
    });
    const silent = new RobinhoodError({ code: "throttled", message: "throttled" });
    expect(classifyScheduledFailure(silent, at)).toMatchObject({ until: new Date(at.getTime() + 60_000) });
  });

  it("keeps the code of any other failure, and says nothing more of an unknown one", () => {
    expect(
      classifyScheduledFailure(new RobinhoodError({ code: "server_error", message: "HTTP 503" }), at),
    ).toEqual({ kind: "failed", reason: "server_error" });
    expect(classifyScheduledFailure(new Error("token abc in a message"), at)).toEqual({
      kind: "failed",
      reason: "internal",
    });
    expect(classifyScheduledFailure(new AccountDeletedError(), at)).toEqual({ kind: "account-deleted" });
  });
});
