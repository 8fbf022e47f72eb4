import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";

/**
 * Judgement call: closing a contract and opening the same contract again on one day is not a roll
 * (DESIGN.md: a roll changes expiry and/or strike). With dates only, the close is taken to come
 * first, so the old chain ends and the reopen starts a new chain. With real timestamps the fills
 * say what happened: a reopen before the close means the position never went flat, so it is one
 * chain throughout.
 */
describe("same strike closed and reopened the same day", () => {
  const put = option("TSLA 2023-12-01 240 put");
  const opened = fill({
    id: "a",
    code: "STO",
    contract: put,
    quantity: "1",
    price: "6.15",
    fees: "0.03",
    date: "2023-11-20",
  });

  it("with dates only, the old chain closes and the reopen starts a new chain, with no roll", () => {
    const result = computePnl(
      input({
        asOf: "2023-11-28",
        executions: [
          opened,
          fill({
            id: "b",
            code: "BTC",
            contract: put,
            quantity: "1",
            price: "6.45",
            fees: "0.03",
            date: "2023-11-27",
          }),
          fill({
            id: "c",
            code: "STO",
            contract: put,
            quantity: "1",
            price: "6.50",
            fees: "0.03",
            date: "2023-11-27",
          }),
        ],
      }),
    );
    expect(result.chains).toHaveLength(2);
    expect(result.chains.flatMap((chain) => chain.rolls)).toEqual([]);
    expect(result.chains.map((chain) => [chain.status, chain.openedOn, chain.closedOn])).toEqual([
      ["closed", "2023-11-20", "2023-11-27"],
      ["open", "2023-11-27", null],
    ]);
    expect(result.matches).toMatchObject([
      { openExecutionId: "a", closeExecutionId: "b", realized: "-30.06" },
    ]);
    expect(reconciled(result)).toBe(true);
  });

  it("with timestamps, a reopen before the close keeps one chain and FIFO still closes the older lot", () => {
    const result = computePnl(
      input({
        asOf: "2023-11-28",
        executions: [
          opened,
          fill({
            id: "c",
            code: "STO",
            contract: put,
            quantity: "1",
            price: "6.50",
            fees: "0.03",
            date: "2023-11-27",
            time: "15:00",
          }),
          fill({
            id: "b",
            code: "BTC",
            contract: put,
            quantity: "1",
            price: "6.45",
            fees: "0.03",
            date: "2023-11-27",
            time: "15:30",
          }),
        ],
      }),
    );
    expect(result.chains).toHaveLength(1);
    expect(result.chains[0]?.rolls).toEqual([]);
    expect(result.matches).toMatchObject([{ openExecutionId: "a", closeExecutionId: "b" }]);
    expect(result.openLots).toMatchObject([{ openExecutionId: "c", quantity: "1" }]);
  });
});
