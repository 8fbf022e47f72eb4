import { describe, expect, it } from "vitest";
import { calendarMonth, heatLevel } from "@/lib/analytics";
import { parseDecimal } from "@/lib/money";

describe("a month of realized P&L as a calendar", () => {
  const daily = new Map([
    ["2025-02-28", "999.00"],
    ["2025-03-03", "100.50"],
    ["2025-03-14", "-40.25"],
    ["2025-03-31", "0.01"],
  ]);
  const march = calendarMonth({ year: 2025, month: 3, daily });

  it("lays the month out in weeks from Monday, trading days only when no weekend day holds P&L", () => {
    expect(march.showWeekends).toBe(false);
    // 1–2 March 2025 are a weekend: the first row is the week of Monday 3 March.
    expect(march.weeks[0]?.map((day) => day?.date ?? null)).toEqual([
      "2025-03-03",
      "2025-03-04",
      "2025-03-05",
      "2025-03-06",
      "2025-03-07",
    ]);
    expect(march.weeks.at(-1)?.map((day) => day?.date ?? null)).toEqual([
      "2025-03-31",
      null,
      null,
      null,
      null,
    ]);
  });

  it("gives each day its exact figure and the month its exact total, other months left out", () => {
    const days = march.weeks.flat().filter((day) => day?.realized !== null && day !== null);
    expect(days.map((day) => [day?.date, day?.realized, day?.sign])).toEqual([
      ["2025-03-03", "100.50", "gain"],
      ["2025-03-14", "-40.25", "loss"],
      ["2025-03-31", "0.01", "gain"],
    ]);
    expect(march).toMatchObject({ total: "60.26", activeDays: 3, gainDays: 2, lossDays: 1 });
    expect(march.best?.date).toBe("2025-03-03");
    expect(march.worst?.date).toBe("2025-03-14");
  });

  it("shades each day by its size against the largest day, any non-zero day at least level 1", () => {
    const level = (date: string) => march.weeks.flat().find((day) => day?.date === date)?.level;
    expect(level("2025-03-03")).toBe(4);
    expect(level("2025-03-14")).toBe(2);
    expect(level("2025-03-31")).toBe(1);
    expect(level("2025-03-04")).toBe(0);
  });

  it("shows weekend columns when a weekend day holds P&L", () => {
    const withSaturday = calendarMonth({ year: 2025, month: 3, daily: new Map([["2025-03-01", "5"]]) });
    expect(withSaturday.showWeekends).toBe(true);
    expect(withSaturday.weeks[0]?.map((day) => day?.date ?? null)).toEqual([
      null,
      null,
      null,
      null,
      null,
      "2025-03-01",
      "2025-03-02",
    ]);
  });

  it("computes heat levels exactly, a micro below the top staying below it", () => {
    expect(heatLevel(parseDecimal("99.999999"), parseDecimal("100"))).toBe(4);
    expect(heatLevel(parseDecimal("75"), parseDecimal("100"))).toBe(3);
    expect(heatLevel(parseDecimal("75.000001"), parseDecimal("100"))).toBe(4);
    expect(heatLevel(0, parseDecimal("100"))).toBe(0);
  });
});
