import { describe, expect, it } from "vitest";
import { PnlInputError } from "@/lib/pnl";
import {
  DecimalTexts,
  ExecutionColumnsBuilder,
  type InstrumentRow,
  trimScale,
} from "@/lib/server/recompute/execution-columns";

// Fills' decimals come as stored, padded to the column's eight places: the micros are the same as
// for the trimmed text, and a value the engine cannot hold is refused naming it as trim_scale does.

const INSTRUMENT: InstrumentRow = {
  id: "i1",
  underlying: "XYZ",
  expiration_date: "2026-03-20",
  strike_price: "50",
  option_type: "PUT",
  multiplier: "100",
};

function builderWith(quantity: string, price = "1.25000000") {
  const builder = new ExecutionColumnsBuilder(1, [INSTRUMENT]);
  builder.add({
    executionId: "e1",
    accountId: "a1",
    orderId: null,
    instrumentId: INSTRUMENT.id,
    buy: false,
    open: true,
    quantity,
    price,
    fees: "0.00000000",
    executedAt: Date.parse("2026-01-05T15:00:00.000Z"),
    tradeDate: "2026-01-05",
  });
  return builder.build();
}

describe("stored decimals of a fill", () => {
  it("parse padded text to the micros of the trimmed text", () => {
    const { executions } = builderWith("2.50000000");
    expect(executions.quantity[0]).toBe(2_500_000);
    expect(executions.price[0]).toBe(1_250_000);
    expect(executions.fees[0]).toBe(0);
    expect(executions.executedAt[0]).toBe(Date.parse("2026-01-05T15:00:00.000Z"));
  });

  it("refuse more than six places, naming the value without its padding", () => {
    expect(() => builderWith("1.12345670")).toThrow(PnlInputError);
    expect(() => builderWith("1.12345670")).toThrow(
      'quantity "1.1234567" is not a decimal of at most six places',
    );
    expect(() => builderWith("1", "0.00000001")).toThrow(
      'price "0.00000001" is not a decimal of at most six places',
    );
  });

  it("trim as trim_scale prints them", () => {
    expect(trimScale("1.50000000")).toBe("1.5");
    expect(trimScale("2.00000000")).toBe("2");
    expect(trimScale("-0.00000000")).toBe("-0");
    expect(trimScale("100")).toBe("100");
    expect(trimScale("0.1234567")).toBe("0.1234567");
  });
});

describe("a repeated decimal column's distinct values in micros", () => {
  const column = { rows: Int32Array.from([0, 1, 0, 2]), texts: ["1.50000000", "-2", "0.00000001"] };

  it("gives each row its value's micros, as parsed per row", () => {
    const prices = new DecimalTexts(column, "price");
    expect([0, 1, 2].map((row) => prices.at(row, `e${row}`))).toEqual([1_500_000, -2_000_000, 1_500_000]);
  });

  it("refuses a bad value only when a row asks for it, naming that row, every time", () => {
    const prices = new DecimalTexts(column, "price");
    expect(prices.at(0, "e0")).toBe(1_500_000);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        prices.at(3, "e3");
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(PnlInputError);
        expect((error as PnlInputError).problems).toEqual([
          { path: "e3", message: 'price "0.00000001" is not a decimal of at most six places' },
        ]);
      }
    }
  });
});
