import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";

const shortCall = option("SNAP 2023-07-28 14 call");
const shortPut = option("SNAP 2023-07-28 11 put");
const longPut = option("SNAP 2023-08-04 11 put");
const longCall = option("SNAP 2023-08-04 14 call");

// Legs opened together are one strategy position, so they share one chain (it used to be one chain
// per leg); what these stories guard is that closing and opening legs together never makes a roll.
describe("spreads opened or closed together are not rolls", () => {
  it("four legs opened one day and closed together the next day make one chain and no roll", () => {
    const result = computePnl(
      input({
        asOf: "2023-07-27",
        executions: [
          fill({
            id: "1",
            code: "STO",
            contract: shortCall,
            quantity: "15",
            price: "0.89",
            fees: "0.06",
            date: "2023-07-25",
          }),
          fill({
            id: "2",
            code: "STO",
            contract: shortPut,
            quantity: "15",
            price: "0.65",
            fees: "0.05",
            date: "2023-07-25",
          }),
          fill({
            id: "3",
            code: "BTO",
            contract: longPut,
            quantity: "15",
            price: "0.73",
            date: "2023-07-25",
          }),
          fill({
            id: "4",
            code: "BTO",
            contract: longCall,
            quantity: "15",
            price: "1.00",
            date: "2023-07-25",
          }),
          fill({
            id: "5",
            code: "BTC",
            contract: shortCall,
            quantity: "15",
            price: "0.01",
            date: "2023-07-26",
          }),
          fill({
            id: "6",
            code: "BTC",
            contract: shortPut,
            quantity: "15",
            price: "0.94",
            date: "2023-07-26",
          }),
          fill({
            id: "7",
            code: "STC",
            contract: longPut,
            quantity: "15",
            price: "0.99",
            fees: "0.06",
            date: "2023-07-26",
          }),
          fill({
            id: "8",
            code: "STC",
            contract: longCall,
            quantity: "15",
            price: "0.01",
            fees: "0.05",
            date: "2023-07-26",
          }),
        ],
      }),
    );
    expect(result.chains).toHaveLength(1);
    expect(result.chains.flatMap((chain) => chain.rolls)).toEqual([]);
    const [chain] = result.chains;
    // Short calls and puts this week, long ones next week: no named structure.
    expect(chain?.strategy).toBe("custom");
    expect(chain?.status).toBe("closed");
    expect(chain?.legOuts).toEqual([]);
    expect(chain?.legs.map((leg) => [leg.optionType, leg.direction, leg.outcome])).toEqual(
      expect.arrayContaining([
        ["call", "short", "trade"],
        ["put", "short", "trade"],
        ["put", "long", "trade"],
        ["call", "long", "trade"],
      ]),
    );
    expect(chain?.realized).toBe("-210.22");
    // 1,334.94 + 974.95 − 1,095 − 1,500 − 15 − 1,410 + 1,484.94 + 14.95
    expect(result.totals.realized).toBe("-210.22");
    expect(reconciled(result)).toBe(true);
  });

  it("a spread opened and closed the same day, in one order each way, is no roll either", () => {
    const result = computePnl(
      input({
        asOf: "2023-07-27",
        executions: [
          fill({
            id: "1",
            code: "STO",
            contract: shortPut,
            quantity: "1",
            price: "0.65",
            date: "2023-07-25",
            time: "14:00",
            orderId: "open",
          }),
          fill({
            id: "2",
            code: "BTO",
            contract: longPut,
            quantity: "1",
            price: "0.73",
            date: "2023-07-25",
            time: "14:00",
            orderId: "open",
          }),
          fill({
            id: "3",
            code: "BTC",
            contract: shortPut,
            quantity: "1",
            price: "0.60",
            date: "2023-07-25",
            time: "15:00",
            orderId: "close",
          }),
          fill({
            id: "4",
            code: "STC",
            contract: longPut,
            quantity: "1",
            price: "0.75",
            date: "2023-07-25",
            time: "15:00",
            orderId: "close",
          }),
        ],
      }),
    );
    expect(result.chains.flatMap((chain) => chain.rolls)).toEqual([]);
    // One position: a put calendar (short this week, long next week at the same strike).
    expect(result.chains.map((chain) => [chain.strategy, chain.status, chain.legOuts])).toEqual([
      ["calendar", "closed", []],
    ]);
    expect(result.totals.realized).toBe("7.00");
  });

  it("the same day-trade with dates only (an activity report) is no roll either", () => {
    const result = computePnl(
      input({
        asOf: "2023-07-27",
        executions: [
          fill({
            id: "c",
            code: "BTC",
            contract: shortPut,
            quantity: "1",
            price: "0.60",
            date: "2023-07-25",
          }),
          fill({ id: "d", code: "STC", contract: longPut, quantity: "1", price: "0.75", date: "2023-07-25" }),
          fill({
            id: "a",
            code: "STO",
            contract: shortPut,
            quantity: "1",
            price: "0.65",
            date: "2023-07-25",
          }),
          fill({ id: "b", code: "BTO", contract: longPut, quantity: "1", price: "0.73", date: "2023-07-25" }),
        ],
      }),
    );
    expect(result.chains.flatMap((chain) => chain.rolls)).toEqual([]);
    expect(result.issues).toEqual([]);
    expect(result.totals.realized).toBe("7.00");
  });
});
