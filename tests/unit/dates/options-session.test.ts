import { describe, expect, it } from "vitest";
import { isTradingDay } from "@/lib/dates/nyse-calendar";
import { isOptionsSessionOpen } from "@/lib/dates/options-session";

/** New York wall time to an instant: EST is UTC−5 in winter, EDT UTC−4 in summer. */
const est = (local: string) => new Date(`${local}-05:00`);
const edt = (local: string) => new Date(`${local}-04:00`);

describe("the NYSE calendar", () => {
  it("closes on weekends, on the fixed and floating holidays and on observed days", () => {
    expect(isTradingDay("2026-11-25")).toBe(true); // Wednesday
    expect(isTradingDay("2026-11-28")).toBe(false); // Saturday
    expect(isTradingDay("2026-11-26")).toBe(false); // Thanksgiving
    expect(isTradingDay("2026-04-03")).toBe(false); // Good Friday
    expect(isTradingDay("2026-07-03")).toBe(false); // July 4th falls on a Saturday
    expect(isTradingDay("2027-12-24")).toBe(false); // Christmas falls on a Saturday
    expect(isTradingDay("2027-12-31")).toBe(true); // New Year's Day on a Saturday is not observed
    expect(isTradingDay("2026-06-19")).toBe(false); // Juneteenth
    expect(isTradingDay("2025-01-09")).toBe(false); // national day of mourning
  });
});

describe("isOptionsSessionOpen", () => {
  it("is open from 09:30 to 16:15 New York time on a trading day, in winter and in summer", () => {
    expect(isOptionsSessionOpen(est("2026-12-02T09:29:59"))).toBe(false);
    expect(isOptionsSessionOpen(est("2026-12-02T09:30:00"))).toBe(true);
    expect(isOptionsSessionOpen(est("2026-12-02T16:14:59"))).toBe(true);
    expect(isOptionsSessionOpen(est("2026-12-02T16:15:00"))).toBe(false);
    expect(isOptionsSessionOpen(edt("2026-07-15T09:30:00"))).toBe(true);
    expect(isOptionsSessionOpen(edt("2026-07-15T16:20:00"))).toBe(false);
  });

  it("is closed all day on weekends and holidays", () => {
    expect(isOptionsSessionOpen(est("2026-11-28T11:00:00"))).toBe(false);
    expect(isOptionsSessionOpen(est("2026-11-26T11:00:00"))).toBe(false);
  });
});
