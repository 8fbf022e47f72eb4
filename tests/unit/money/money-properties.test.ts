import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  add,
  addDecimals,
  canonicalDecimal,
  compareDecimals,
  csvMoney,
  displayDecimal,
  displayMoney,
  divideIntegers,
  formatDecimal,
  formatMoney,
  formatQuantity,
  type Micro,
  MoneyError,
  mul,
  multiplyDecimals,
  negate,
  negateDecimal,
  parseDecimal,
  prorate,
  roundDecimal,
  roundMicro,
  splitProRata,
  sub,
  sum,
  sumDecimals,
} from "@/lib/money";

// Micros small enough that sums of a few never leave the safe range, and the full safe range.
const amount = fc.integer({ min: -1_000_000_000_000_000, max: 1_000_000_000_000_000 });
const anyMicro = fc.maxSafeInteger().filter((value) => value >= Number.MIN_SAFE_INTEGER);

/** Any decimal string: up to 16 integer digits and 8 places, as numeric(24, 8) columns send them. */
const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 9_999_999_999_999_999n }),
    fc.integer({ min: 0, max: 8 }),
    fc.bigInt({ min: 0n, max: 99_999_999n }),
  )
  .map(([negative, whole, places, fraction]) => {
    const digits = fraction.toString().padStart(8, "0").slice(0, places);
    return `${negative ? "-" : ""}${whole}${places > 0 ? `.${digits}` : ""}`;
  });

describe("sums of micros", () => {
  it("are commutative and associative, and subtraction undoes addition", () => {
    fc.assert(
      fc.property(amount, amount, amount, (a, b, c) => {
        expect(add(a, b)).toBe(add(b, a));
        expect(add(add(a, b), c)).toBe(add(a, add(b, c)));
        expect(sub(add(a, b), b)).toBe(a);
        expect(sum([a, b, c])).toBe(sum([c, a, b]));
      }),
    );
  });

  it("refuse a result beyond 2^53 micros instead of rounding it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (extra) => {
        expect(() => add(Number.MAX_SAFE_INTEGER, extra)).toThrow(MoneyError);
        expect(() => sub(Number.MIN_SAFE_INTEGER, extra)).toThrow(/out of range/);
      }),
    );
    expect(() => mul(parseDecimal("9000000000"), parseDecimal("2"))).toThrow(MoneyError);
    expect(() => parseDecimal("9007199254.740992")).toThrow(/not an exact decimal/);
  });
});

describe("negation", () => {
  it("is an involution on micros and on text, and never yields a negative zero", () => {
    fc.assert(
      fc.property(anyMicro, (value) => {
        expect(negate(negate(value))).toBe(value);
        expect(Object.is(negate(0), -0)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(negateDecimal(negateDecimal(text))).toBe(canonicalScaleOf(text));
        expect(compareDecimals(addDecimals(text, negateDecimal(text)), "0")).toBe(0);
      }),
    );
  });
});

/** The same value with the same scale, as the text functions write it (no "+", no "-0"). */
function canonicalScaleOf(text: string): string {
  return sumDecimals([text]);
}

describe("sums of decimal text", () => {
  it("are commutative and associative, and agree with micros where micros can hold the value", () => {
    fc.assert(
      fc.property(decimalText, decimalText, decimalText, (a, b, c) => {
        expect(compareDecimals(addDecimals(a, b), addDecimals(b, a))).toBe(0);
        expect(addDecimals(addDecimals(a, b), c)).toBe(addDecimals(a, addDecimals(b, c)));
      }),
    );
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(parseDecimal(addDecimals(formatMoney(a), formatMoney(b)))).toBe(add(a, b));
      }),
    );
  });

  it("multiply exactly, in any order", () => {
    fc.assert(
      fc.property(decimalText, decimalText, decimalText, (a, b, c) => {
        expect(multiplyDecimals(a, b, c)).toBe(multiplyDecimals(c, b, a));
        expect(compareDecimals(multiplyDecimals(a, "1"), a)).toBe(0);
      }),
    );
    expect(multiplyDecimals("0.44", "3", "100")).toBe("132");
    expect(multiplyDecimals("1.00000001", "1.00000001")).toBe("1.0000000200000001");
  });
});

describe("pro-rata splits", () => {
  it("add up to the whole exactly, and no piece but the last exceeds its share", () => {
    fc.assert(
      fc.property(
        decimalText,
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 4 }),
        (total, weights, minScale) => {
          const pieces = splitProRata({ total, weights: weights.map(String), minScale });
          expect(pieces).toHaveLength(weights.length);
          expect(compareDecimals(sumDecimals(pieces), total)).toBe(0);
          const whole = weights.reduce((a, b) => a + b, 0);
          pieces.slice(0, -1).forEach((piece, index) => {
            // |piece| × whole ≤ |total| × weight: truncation toward zero never overshoots.
            const lhs = multiplyDecimals(piece.replace("-", ""), String(whole));
            const rhs = multiplyDecimals(total.replace("-", ""), String(weights[index]));
            expect(compareDecimals(lhs, rhs)).toBeLessThanOrEqual(0);
          });
        },
      ),
    );
  });

  it("of micros (prorate) leave a remainder that adds back up exactly", () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 1_000_000_000 }), fc.nat(), (value, whole, seed) => {
        const part = seed % (whole + 1);
        const share = prorate(value, part, whole);
        expect(add(share, sub(value, share))).toBe(value);
        expect(Math.abs(share) <= Math.abs(value)).toBe(true);
      }),
    );
  });

  it("keep fees in cents and put the remainder last", () => {
    expect(splitProRata({ total: "0.10", weights: ["1", "1", "1"], minScale: 2 })).toEqual([
      "0.03",
      "0.03",
      "0.04",
    ]);
    expect(splitProRata({ total: "1", weights: ["1", "2"], minScale: 2 })).toEqual(["0.33", "0.67"]);
    expect(() => splitProRata({ total: "1", weights: ["-1", "2"] })).toThrow(MoneyError);
  });
});

describe("parse and format round trips", () => {
  it("micros survive formatting as text, CSV and the canonical form", () => {
    fc.assert(
      fc.property(anyMicro, fc.integer({ min: 0, max: 6 }), (value, places) => {
        expect(parseDecimal(formatMoney(value))).toBe(value);
        expect(parseDecimal(formatDecimal(value, places))).toBe(value);
        expect(parseDecimal(csvMoney(value))).toBe(value);
        expect(parseDecimal(canonicalDecimal(formatMoney(value)))).toBe(value);
      }),
    );
  });

  it("display text reads back as the value rounded half away from zero", () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const shown = displayMoney(text);
        const digits = shown.replace(/[$,]/g, "");
        const expected = roundHalfAwayToCents(text);
        expect(compareDecimals(digits, expected)).toBe(0);
        // Display with enough places loses nothing.
        expect(compareDecimals(displayDecimal(text, { maxDigits: 8, grouping: false }), text)).toBe(0);
      }),
    );
  });

  it("the canonical form is a fixed point, and accepts exponents", () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const canonical = canonicalDecimal(text);
        expect(canonicalDecimal(canonical)).toBe(canonical);
        expect(compareDecimals(canonical, text)).toBe(0);
      }),
    );
    expect(canonicalDecimal("0E-8")).toBe("0");
    expect(canonicalDecimal("1e-8")).toBe("0.00000001");
    expect(canonicalDecimal("6.00000000000000000")).toBe("6");
    expect(canonicalDecimal("-1.5e3")).toBe("-1500");
  });
});

/** Reference rounding on the digits: add ±0.005 and truncate (half away from zero). */
function roundHalfAwayToCents(text: string): string {
  const negative = text.startsWith("-");
  const magnitude = negative ? text.slice(1) : text;
  const bumped = addDecimals(magnitude, "0.005");
  const [whole = "0", fraction = ""] = bumped.split(".");
  const truncated = `${whole}.${fraction.padEnd(2, "0").slice(0, 2)}`;
  return negative ? negateDecimal(truncated) : truncated;
}

describe("rounding rules", () => {
  it("round by the named rule at the named step", () => {
    expect(roundDecimal("2.345", 2, "half-away-from-zero")).toBe("2.35");
    expect(roundDecimal("-2.345", 2, "half-away-from-zero")).toBe("-2.35");
    expect(roundDecimal("2.345", 2, "half-even")).toBe("2.34");
    expect(roundDecimal("2.355", 2, "half-even")).toBe("2.36");
    expect(roundDecimal("-2.349", 2, "truncate")).toBe("-2.34");
    expect(roundDecimal("1.5", 3, "truncate")).toBe("1.500");
    expect(divideIntegers(7, 2, "half-even")).toBe(4);
    expect(divideIntegers(5, 2, "half-even")).toBe(2);
    expect(divideIntegers(-5, 2, "half-away-from-zero")).toBe(-3);
    expect(divideIntegers(-5, 2, "truncate")).toBe(-2);
    expect(displayMoney("1.005")).toBe("$1.01");
    expect(displayMoney("-0.005")).toBe("-$0.01");
  });

  it("round micros the same way as text, for every rule and number of places", () => {
    fc.assert(
      fc.property(
        amount,
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom("half-even" as const, "truncate" as const, "half-away-from-zero" as const),
        (value, places, rule) => {
          const rounded = roundMicro(value, places, rule);
          expect(
            compareDecimals(formatQuantity(rounded), roundDecimal(formatQuantity(value), places, rule)),
          ).toBe(0);
        },
      ),
    );
    expect(formatMoney(roundMicro(parseDecimal("191.666667"), 2, "half-even"))).toBe("191.67");
    expect(formatMoney(roundMicro(parseDecimal("-0.125"), 2, "half-even"))).toBe("-0.12");
    // Rounding up past 2^53 micros is refused like any other overflow.
    expect(() => roundMicro(Number.MAX_SAFE_INTEGER, 0, "half-away-from-zero")).toThrow(MoneyError);
  });

  it("refuse text that is not a decimal or too long to be an amount, naming it", () => {
    expect(() => addDecimals("1,000", "1")).toThrow(/not a plain decimal string: "1,000"/);
    expect(() => canonicalDecimal("1e999")).toThrow(/exponent out of range/);
    expect(() => sumDecimals(["9".repeat(101)])).toThrow(/too long/);
  });
});

describe("micros and text agree", () => {
  it("on products that micros hold exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        (a, b) => {
          const product: Micro = mul(a, b * 1_000_000);
          expect(compareDecimals(multiplyDecimals(formatMoney(a), String(b)), formatMoney(product))).toBe(0);
        },
      ),
    );
  });
});
