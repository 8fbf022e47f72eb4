import { describe, expect, it } from "vitest";
import {
  divRounded,
  formatDecimal,
  formatMoney,
  formatQuantity,
  MoneyError,
  mul,
  mul3Rounded,
  parseDecimal,
  prorate,
  tryParseDecimal,
} from "@/lib/money";

describe("exact money in micros", () => {
  it("parses plain decimals exactly and refuses anything it cannot hold", () => {
    expect(parseDecimal("12.34")).toBe(12_340_000);
    expect(parseDecimal("0.44000000")).toBe(440_000);
    expect(parseDecimal("-0.000001")).toBe(-1);
    expect(parseDecimal("9007199254.740991")).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of ["", "-", ".", "1e2", "1,000", "0.0000001", "9007199254.740992", "12.3.4", " 1"]) {
      expect(tryParseDecimal(bad), bad).toBeNull();
    }
    expect(() => parseDecimal("0.1234567")).toThrow(MoneyError);
  });

  it("formats with a minimum number of places and no trailing zeros beyond them", () => {
    expect(formatMoney(12_300_000)).toBe("12.30");
    expect(formatMoney(-3_334)).toBe("-0.003334");
    expect(formatMoney(-0)).toBe("0.00");
    expect(formatQuantity(3_000_000)).toBe("3");
    expect(formatQuantity(500_000)).toBe("0.5");
    expect(formatDecimal(1_500_000, 3)).toBe("1.500");
  });

  it("multiplies exactly, and only the named rounding step rounds", () => {
    expect(mul(parseDecimal("8.81"), parseDecimal("100"))).toBe(881_000_000);
    expect(mul(parseDecimal("0.4412"), parseDecimal("0.5"))).toBe(220_600);
    expect(mul(parseDecimal("0.001"), parseDecimal("0.001"))).toBe(1);
    expect(() => mul(parseDecimal("0.0001"), parseDecimal("0.001"))).toThrow(MoneyError);
    expect(mul3Rounded(parseDecimal("3.5"), parseDecimal("1"), parseDecimal("133.33"), "half-even")).toBe(
      466_655_000,
    );
    // 0.000001 × 0.5 = 0.0000005 → half-even rounds to 0; 0.000003 × 0.5 → 0.000002.
    expect(mul3Rounded(1, 500_000, 1_000_000, "half-even")).toBe(0);
    expect(mul3Rounded(3, 500_000, 1_000_000, "half-even")).toBe(2);
    expect(divRounded(parseDecimal("118.90"), parseDecimal("300"), "half-even")).toBe(396_333);
  });

  it("prorates by truncation so the pieces always add back to the whole", () => {
    const fee = parseDecimal("0.05");
    const first = prorate(fee, 2, 3);
    expect(first).toBe(33_333);
    expect(prorate(fee - first, 1, 1)).toBe(16_667);
    expect(prorate(-100, 1, 3)).toBe(-33);
    // Large products fall back to bigint and stay exact.
    expect(prorate(Number.MAX_SAFE_INTEGER, 3, 7)).toBe(
      Math.trunc(Number((BigInt(Number.MAX_SAFE_INTEGER) * 3n) / 7n)),
    );
  });

  it("throws instead of overflowing", () => {
    expect(() => mul(parseDecimal("9000000000"), parseDecimal("2"))).toThrow(MoneyError);
  });
});
