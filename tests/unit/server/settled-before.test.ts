import { describe, expect, it } from "vitest";
import { type OptionContract, type PnlExecution, type PnlInput, toPnlColumns } from "@/lib/pnl";
import { settledBefore } from "@/lib/server/recompute/settled-before";

const contract = (underlying: string, expiration: string): OptionContract => ({
  underlying,
  expiration,
  strike: "50",
  optionType: "put",
  multiplier: "100",
});

let serial = 0;
const fill = (of: OptionContract, day: string): PnlExecution => {
  serial += 1;
  return {
    id: `f${serial}`,
    accountId: "acct",
    orderId: null,
    contract: of,
    side: "sell",
    positionEffect: "open",
    quantity: "1",
    price: "1",
    fees: "0",
    executedAt: `${day}T15:00:00.000Z`,
    tradeDate: day,
  };
};

const input = (parts: Partial<PnlInput>): PnlInput => ({
  asOf: "2026-07-01",
  executions: [],
  events: [],
  marks: {},
  ...parts,
});

const changedFrom = new Map([
  ["AAA", "2026-04-06"],
  ["BBB", "2026-04-06"],
]);

describe("settledBefore", () => {
  it("keeps each underlying's changed date when its inputs from that date name live contracts", () => {
    const columns = toPnlColumns(
      input({
        executions: [
          // Expired before the date, but traded before it too: closed on time.
          fill(contract("AAA", "2026-03-20"), "2026-02-02"),
          fill(contract("AAA", "2026-09-18"), "2026-04-06"),
          fill(contract("BBB", "2026-04-17"), "2026-04-07"),
        ],
      }),
    );
    expect(settledBefore(columns, changedFrom)).toEqual(changedFrom);
  });

  it("drops an underlying with a fill from its date on a contract that expired before it", () => {
    const columns = toPnlColumns(
      input({
        executions: [
          fill(contract("AAA", "2026-03-20"), "2026-04-06"),
          fill(contract("BBB", "2026-09-18"), "2026-05-01"),
        ],
      }),
    );
    expect(settledBefore(columns, changedFrom)).toEqual(new Map([["BBB", "2026-04-06"]]));
  });

  it("drops an underlying with an event from its date on a contract that expired before it", () => {
    const march = contract("BBB", "2026-03-20");
    const columns = toPnlColumns(
      input({
        executions: [fill(march, "2026-02-02")],
        events: [
          {
            id: "late",
            accountId: "acct",
            type: "assignment",
            contract: march,
            quantity: "1",
            date: "2026-04-06",
          },
        ],
      }),
    );
    expect(settledBefore(columns, changedFrom)).toEqual(new Map([["AAA", "2026-04-06"]]));
  });
});
