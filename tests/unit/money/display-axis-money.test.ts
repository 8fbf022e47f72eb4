import { describe, expect, it } from "vitest";
import { displayAxisMoney } from "@/lib/money";

describe("displayAxisMoney", () => {
  it("abbreviates axis ticks for a narrow axis, keeping the sign", () => {
    expect(displayAxisMoney(0)).toBe("$0");
    expect(displayAxisMoney(-300)).toBe("-$300");
    expect(displayAxisMoney(1_200)).toBe("$1.2k");
    expect(displayAxisMoney(1_000)).toBe("$1k");
    expect(displayAxisMoney(-250_000)).toBe("-$250k");
    expect(displayAxisMoney(2_000_000)).toBe("$2M");
  });

  it("refuses a value that is not a number", () => {
    expect(() => displayAxisMoney(Number.NaN)).toThrow(/not a finite axis value/);
  });
});
