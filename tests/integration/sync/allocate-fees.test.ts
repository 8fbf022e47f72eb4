import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { multiplyDecimals, negateDecimal, sumDecimals } from "@/lib/money";
import { allocateFees } from "@/lib/server/sync/allocate-fees";

// Pure functions of the sync; kept beside its integration tests because they define its fee rule.
describe("allocateFees", () => {
  it("splits pro rata by quantity in cents and puts the remainder on the last fill", () => {
    expect(allocateFees("0.10", ["1.00000", "1.00000", "1.00000"])).toEqual(["0.03", "0.03", "0.04"]);
    expect(allocateFees("0.07", ["2", "1"])).toEqual(["0.04", "0.03"]);
    expect(allocateFees("0.10", ["0.5", "1.5"])).toEqual(["0.02", "0.08"]);
  });

  it("keeps finer fees in their own precision", () => {
    expect(allocateFees("0.0125", ["1", "1", "1"])).toEqual(["0.0041", "0.0041", "0.0043"]);
  });

  it("handles no fees, no fills and zero quantities", () => {
    expect(allocateFees("0", ["1", "2"])).toEqual(["0.00", "0.00"]);
    expect(allocateFees("0.12", [])).toEqual([]);
    expect(allocateFees("0.05", ["0", "0"])).toEqual(["0.00", "0.05"]);
  });

  it("always adds up to the order's fees exactly, and no share but the last exceeds its pro-rata value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 12 }),
        (totalCents, quantities) => {
          const total = (totalCents / 100).toFixed(2);
          const shares = allocateFees(
            total,
            quantities.map((q) => String(q)),
          );
          expect(sumDecimals(shares)).toBe(total);
          const sum = quantities.reduce((a, b) => a + b, 0);
          shares.slice(0, -1).forEach((share, index) => {
            const cents = Number(share.replace(".", ""));
            expect(cents * sum).toBeLessThanOrEqual(totalCents * (quantities[index] as number));
          });
        },
      ),
    );
  });
});

describe("scaled decimals", () => {
  it("negates and multiplies exactly", () => {
    expect(negateDecimal("195.88")).toBe("-195.88");
    expect(negateDecimal("-0.10")).toBe("0.10");
    expect(multiplyDecimals("250.0000", "100.00000000")).toBe("25000");
    expect(multiplyDecimals("0.1", "0.2")).toBe("0.02");
  });
});
