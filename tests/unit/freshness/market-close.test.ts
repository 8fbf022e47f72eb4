import { describe, expect, it } from "vitest";
import { decideDailyMarks, isAfterClose, newYorkMinutesOf } from "@/lib/dates/market-close";

describe("the New York close", () => {
  it("is 16:00 New York time in winter (UTC-5) and in summer (UTC-4)", () => {
    expect(isAfterClose(new Date("2026-11-18T20:59:59Z"))).toBe(false);
    expect(isAfterClose(new Date("2026-11-18T21:00:00Z"))).toBe(true);
    expect(isAfterClose(new Date("2026-07-15T19:59:00Z"))).toBe(false);
    expect(isAfterClose(new Date("2026-07-15T20:00:00Z"))).toBe(true);
  });

  it("reads minutes on the New York clock, midnight as 0", () => {
    expect(newYorkMinutesOf(new Date("2026-11-18T05:00:00Z"))).toBe(0);
    expect(newYorkMinutesOf(new Date("2026-11-18T14:30:00Z"))).toBe(9 * 60 + 30);
  });
});

describe("which recompute stores a day's marks", () => {
  const morning = new Date("2026-11-18T15:00:00Z"); // 10:00 in New York
  const evening = new Date("2026-11-18T22:00:00Z"); // 17:00 in New York
  const lateUtc = new Date("2026-11-19T03:00:00Z"); // 22:00 on the 18th in New York

  it("the first of a day stores them, dated by New York, not UTC", () => {
    expect(decideDailyMarks({ now: morning, existing: null })).toEqual({
      store: true,
      date: "2026-11-18",
      afterClose: false,
      replace: false,
    });
    expect(decideDailyMarks({ now: lateUtc, existing: null })).toMatchObject({
      date: "2026-11-18",
      afterClose: true,
    });
  });

  it("the first after the close replaces an intraday record once", () => {
    expect(decideDailyMarks({ now: evening, existing: { afterClose: false } })).toEqual({
      store: true,
      date: "2026-11-18",
      afterClose: true,
      replace: true,
    });
  });

  it("later ones the same day change nothing", () => {
    expect(decideDailyMarks({ now: evening, existing: { afterClose: true } })).toEqual({
      store: false,
      date: "2026-11-18",
    });
    expect(decideDailyMarks({ now: morning, existing: { afterClose: false } }).store).toBe(false);
  });
});
