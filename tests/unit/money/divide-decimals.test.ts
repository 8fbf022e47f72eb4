import { describe, expect, it } from "vitest";
import { divideDecimals, MoneyError } from "@/lib/money";

describe("divideDecimals", () => {
  it("divides exact decimals and rounds once, to the places asked", () => {
    expect(divideDecimals("-12.5", "262.5", 4, "half-away-from-zero")).toBe("-0.0476");
    expect(divideDecimals("1", "3", 6, "half-away-from-zero")).toBe("0.333333");
    expect(divideDecimals("2", "3", 2, "truncate")).toBe("0.66");
    expect(divideDecimals("0.00125", "1", 4, "half-away-from-zero")).toBe("0.0013");
    expect(divideDecimals("0.00125", "1", 4, "half-even")).toBe("0.0012");
    expect(divideDecimals("150.00", "0.0001", 0, "half-even")).toBe("1500000");
    expect(divideDecimals("-1", "-4", 2, "half-away-from-zero")).toBe("0.25");
  });

  it("refuses to divide by zero", () => {
    expect(() => divideDecimals("1", "0.00", 2, "half-even")).toThrow(MoneyError);
  });
});
