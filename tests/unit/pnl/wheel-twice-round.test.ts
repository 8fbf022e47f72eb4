import { describe, expect, it } from "vitest";
import { computePnl, type PnlInput } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

/**
 * The wheel, twice round on SOFI: a cash-secured put assigned, a covered call written on the shares
 * and called away; then two puts assigned, a covered call that expires, another one written and
 * called away.
 */
const put1 = option("SOFI 2023-01-20 10 put");
const call1 = option("SOFI 2023-02-17 11 call");
const put2 = option("SOFI 2023-03-17 9 put");
const call2 = option("SOFI 2023-04-21 9.5 call");
const call3 = option("SOFI 2023-05-19 9.5 call");

const full: PnlInput = input({
  asOf: "2023-05-31",
  executions: [
    fill({
      id: "sto-p1",
      code: "STO",
      contract: put1,
      quantity: "1",
      price: "0.50",
      fees: "0.03",
      date: "2023-01-03",
    }),
    fill({
      id: "sto-c1",
      code: "STO",
      contract: call1,
      quantity: "1",
      price: "0.30",
      fees: "0.03",
      date: "2023-01-23",
    }),
    fill({
      id: "sto-p2",
      code: "STO",
      contract: put2,
      quantity: "2",
      price: "0.40",
      fees: "0.06",
      date: "2023-02-21",
    }),
    fill({
      id: "sto-c2",
      code: "STO",
      contract: call2,
      quantity: "2",
      price: "0.25",
      fees: "0.06",
      date: "2023-03-20",
    }),
    fill({
      id: "sto-c3",
      code: "STO",
      contract: call3,
      quantity: "2",
      price: "0.20",
      fees: "0.06",
      date: "2023-04-24",
    }),
  ],
  events: [
    lifecycle({ id: "asgn-p1", type: "assignment", contract: put1, quantity: "1", date: "2023-01-20" }),
    lifecycle({
      id: "asgn-c1",
      type: "assignment",
      contract: call1,
      quantity: "1",
      date: "2023-02-17",
      stockFees: "0.02",
    }),
    lifecycle({ id: "asgn-p2", type: "assignment", contract: put2, quantity: "2", date: "2023-03-17" }),
    lifecycle({
      id: "exp-c2",
      type: "expiration",
      contract: call2,
      quantity: "2",
      date: "2023-04-21",
      direction: "short",
    }),
    lifecycle({
      id: "asgn-c3",
      type: "assignment",
      contract: call3,
      quantity: "2",
      date: "2023-05-19",
      stockFees: "0.04",
    }),
  ],
  stockMarks: { SOFI: "9.80" },
});

describe("the wheel twice round", () => {
  const result = computePnl(full);

  it("books every premium as option P&L and each called-away lot as stock P&L", () => {
    // Premiums net of fees: 49.97 + 29.97 + 79.94 + 49.94 + 39.94
    expect(result.totals.realized).toBe("249.76");
    // (11 − 10) × 100 − 0.02, then (9.50 − 9) × 200 − 0.04
    expect(result.totals.stockRealized).toBe("199.94");
    expect(
      result.stockMatches.map((match) => [match.openEventId, match.closeEventId, match.realized]),
    ).toEqual([
      ["asgn-p1", "asgn-c1", "99.98"],
      ["asgn-p2", "asgn-c3", "99.96"],
    ]);
    expect(result.stockPositions).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });

  it("reports two closed cycles with their premium, stock P&L, capital and return", () => {
    expect(result.wheelCycles).toEqual([
      expect.objectContaining({
        underlying: "SOFI",
        status: "closed",
        startedOn: "2023-01-03",
        endedOn: "2023-02-17",
        days: 45,
        // 49.97 + 29.97
        premiumCollected: "79.94",
        optionRealized: "79.94",
        stockRealized: "99.98",
        realized: "179.92",
        sharesHeld: "0",
        // the put secured 10 × 100; the shares then cost the same 1,000
        capitalTiedUp: "1000.00",
        // 179.92 / 1,000
        returnOnCapital: "0.17992",
        putsAssigned: "1",
        callsAssigned: "1",
      }),
      expect.objectContaining({
        underlying: "SOFI",
        status: "closed",
        startedOn: "2023-02-21",
        endedOn: "2023-05-19",
        days: 87,
        // 79.94 + 49.94 + 39.94
        premiumCollected: "169.82",
        optionRealized: "169.82",
        stockRealized: "99.96",
        realized: "269.78",
        // 9 × 100 × 2
        capitalTiedUp: "1800.00",
        // 269.78 / 1,800 = 0.1498777…
        returnOnCapital: "0.149878",
        putsAssigned: "2",
        callsAssigned: "2",
      }),
    ]);
    expect(new Set(result.wheelCycles.map((cycle) => cycle.id)).size).toBe(2);
  });

  it("while the second round holds its shares, shows them with a cost basis net of premiums", () => {
    const midway = computePnl({ ...full, asOf: "2023-04-28" });
    expect(midway.wheelCycles[1]).toMatchObject({
      status: "open",
      startedOn: "2023-02-21",
      endedOn: null,
      // 2023-02-21 to 2023-04-28
      days: 66,
      sharesHeld: "200",
      costBasis: "1800.00",
      costBasisPerShare: "9.00",
      // (1,800 − 169.82) / 200
      netCostBasisPerShare: "8.1509",
      stockRealized: "0.00",
    });
    expect(midway.stockPositions).toMatchObject([
      {
        underlying: "SOFI",
        quantity: "200",
        costBasis: "1800.00",
        costBasisPerShare: "9.00",
        openedOn: "2023-03-17",
      },
    ]);
    // 200 × 9.80 − 1,800
    expect(midway.totals.stockUnrealized).toBe("160.00");
    expect(reconciled(midway)).toBe(true);
  });

  it("keeps each account's wheel its own when a second account trades the same at the same instants", () => {
    // Each step of the second account lands beside the first's, at the same instant.
    const interleaved = <T extends { id: string; accountId: string }>(rows: readonly T[]): T[] =>
      rows.flatMap((row) => [row, { ...row, id: `${row.id}-2`, accountId: "acct-2" }]);
    const both = computePnl({
      ...full,
      executions: interleaved(full.executions),
      events: interleaved(full.events ?? []),
    });
    const withoutIds = (cycles: typeof result.wheelCycles) =>
      cycles.map(({ id: _id, accountId: _a, ...rest }) => rest);
    const byAccount = (accountId: string) =>
      both.wheelCycles.filter((cycle) => cycle.accountId === accountId);
    expect(byAccount("acct-1")).toEqual(result.wheelCycles);
    expect(withoutIds(byAccount("acct-2"))).toEqual(withoutIds(result.wheelCycles));
    expect(both.wheelCycles).toHaveLength(4);
  });
});
