import { describe, expect, it } from "vitest";
import { displayDecimal as formatDecimal, displayMoney as formatMoney, signOfDecimal } from "@/lib/money";

describe("formatMoney", () => {
  it("formats PostgreSQL numeric strings as dollars with two places", () => {
    expect(formatMoney("423.90000000")).toBe("$423.90");
    expect(formatMoney("0")).toBe("$0.00");
    expect(formatMoney("1234567.5")).toBe("$1,234,567.50");
    expect(formatMoney("-149.97000000")).toBe("-$149.97");
    expect(formatMoney("12")).toBe("$12.00");
  });

  it("rounds half away from zero on the digits, with carries", () => {
    expect(formatMoney("0.005")).toBe("$0.01");
    expect(formatMoney("0.00499999")).toBe("$0.00");
    expect(formatMoney("-12.345")).toBe("-$12.35");
    expect(formatMoney("999.995")).toBe("$1,000.00");
    expect(formatMoney("-9999999.999")).toBe("-$10,000,000.00");
  });

  it("is exact where floating point is not", () => {
    // 1.005 is 1.00499999999999989... as a double, so toFixed(2) gives "1.00".
    expect(formatMoney("1.005")).toBe("$1.01");
    expect(formatMoney("90071992547409.93")).toBe("$90,071,992,547,409.93");
    expect(formatMoney("0.1000000000000000055511151231257827")).toBe("$0.10");
  });

  it("never shows a negative zero, and signs gains when asked", () => {
    expect(formatMoney("-0.004")).toBe("$0.00");
    expect(formatMoney("-0.00000000")).toBe("$0.00");
    expect(formatMoney("5.5", { signed: true })).toBe("+$5.50");
    expect(formatMoney("0.001", { signed: true })).toBe("$0.00");
    expect(formatMoney("-5.5", { signed: true })).toBe("-$5.50");
  });

  it("refuses strings that are not plain decimals", () => {
    for (const bad of ["", "abc", "1e5", "1,000.00", "$5", "NaN", "1.2.3"]) {
      expect(() => formatMoney(bad)).toThrow(/plain decimal/);
    }
  });
});

describe("formatDecimal", () => {
  it("drops trailing zeros of prices, strikes and quantities", () => {
    expect(formatDecimal("250.00000000")).toBe("250");
    expect(formatDecimal("1.27000000", { minDigits: 2 })).toBe("1.27");
    expect(formatDecimal("1.20000000", { minDigits: 2 })).toBe("1.20");
    expect(formatDecimal("-2.00000000")).toBe("-2");
    expect(formatDecimal("0.12345", { maxDigits: 4 })).toBe("0.1235");
    expect(formatDecimal("1500.5")).toBe("1,500.5");
    expect(formatDecimal("1500.5", { grouping: false })).toBe("1500.5");
  });
});

describe("signOfDecimal", () => {
  it("reads the sign from the digits", () => {
    expect(signOfDecimal("0.00000001")).toBe("positive");
    expect(signOfDecimal("-0.00000001")).toBe("negative");
    expect(signOfDecimal("-0.00000000")).toBe("zero");
    expect(signOfDecimal("0")).toBe("zero");
  });
});
