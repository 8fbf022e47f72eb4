import { describe, expect, it } from "vitest";
import { dayNumber, daysBetween, isDate } from "@/lib/pnl/dates";

/** The parser is hand-written for speed; the platform's calendar is the reference it must match. */
const reference = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000;

describe("dayNumber", () => {
  it("counts days from 1970-01-01", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1969-12-31")).toBe(-1);
    expect(dayNumber("2023-04-11")).toBe(reference(2023, 4, 11));
    expect(daysBetween("2023-04-11", "2023-05-12")).toBe(31);
  });

  it("agrees with the platform calendar on every day of leap and century years", () => {
    for (const year of [1900, 1999, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
          const date = new Date(Date.UTC(year, month - 1, day));
          const real = date.getUTCMonth() === month - 1;
          expect(dayNumber(text), text).toBe(real ? reference(year, month, day) : Number.NaN);
        }
      }
    }
  });

  it("rejects anything that is not a real YYYY-MM-DD date", () => {
    for (const text of [
      "2023-02-29",
      "2023-13-01",
      "2023-00-10",
      "2023-01-00",
      "2023-1-01",
      "2023/01/01",
      " 2023-01-01",
      "2023-01-01T00:00",
      "+023-01-01",
      "0050-01-01",
      "",
    ]) {
      expect(isDate(text), JSON.stringify(text)).toBe(false);
    }
  });
});
