import { describe, expect, it } from "vitest";
import { computePnl, type PnlExecution } from "@/lib/pnl";
import { type FillSpec, fill, input, option, reconciled } from "./support/builders";

const shortMarch15 = option("XYZ 2024-03-15 100 put");
const longMarch15 = option("XYZ 2024-03-15 95 put");
const shortMarch22 = option("XYZ 2024-03-22 100 put");
const longMarch22 = option("XYZ 2024-03-22 95 put");

/** A bull put spread opened in one order, rolled out a week in one four-leg order, then closed. */
function history(withOrders: boolean): PnlExecution[] {
  const leg = (spec: FillSpec) => fill(withOrders ? spec : { ...spec, orderId: undefined, time: undefined });
  return [
    leg({
      id: "1",
      code: "STO",
      contract: shortMarch15,
      quantity: "2",
      price: "2.00",
      fees: "0.10",
      date: "2024-03-01",
      time: "15:00",
      orderId: "open",
    }),
    leg({
      id: "2",
      code: "BTO",
      contract: longMarch15,
      quantity: "2",
      price: "0.80",
      fees: "0.10",
      date: "2024-03-01",
      time: "15:00",
      orderId: "open",
    }),
    leg({
      id: "3",
      code: "BTC",
      contract: shortMarch15,
      quantity: "2",
      price: "1.50",
      fees: "0.05",
      date: "2024-03-14",
      time: "16:00",
      orderId: "roll",
    }),
    leg({
      id: "4",
      code: "STC",
      contract: longMarch15,
      quantity: "2",
      price: "0.20",
      fees: "0.05",
      date: "2024-03-14",
      time: "16:00",
      orderId: "roll",
    }),
    leg({
      id: "5",
      code: "STO",
      contract: shortMarch22,
      quantity: "2",
      price: "2.40",
      fees: "0.05",
      date: "2024-03-14",
      time: "16:00",
      orderId: "roll",
    }),
    leg({
      id: "6",
      code: "BTO",
      contract: longMarch22,
      quantity: "2",
      price: "1.00",
      fees: "0.05",
      date: "2024-03-14",
      time: "16:00",
      orderId: "roll",
    }),
    leg({
      id: "7",
      code: "BTC",
      contract: shortMarch22,
      quantity: "2",
      price: "0.50",
      fees: "0.05",
      date: "2024-03-20",
      time: "17:00",
      orderId: "close",
    }),
    leg({
      id: "8",
      code: "STC",
      contract: longMarch22,
      quantity: "2",
      price: "0.10",
      fees: "0.05",
      date: "2024-03-20",
      time: "17:00",
      orderId: "close",
    }),
  ];
}

describe("a vertical opened, rolled as a unit and closed", () => {
  const result = computePnl(input({ asOf: "2024-03-22", executions: history(true) }));
  const [chain] = result.chains;

  it("is one bull put spread chain holding all four legs and both leg rolls", () => {
    expect(result.chains).toHaveLength(1);
    expect(chain).toMatchObject({
      strategy: "bull-put-spread",
      status: "closed",
      openedOn: "2024-03-01",
      closedOn: "2024-03-20",
      legOuts: [],
    });
    expect(chain?.legs.map((leg) => [leg.expiration, leg.strike, leg.direction, leg.realized])).toEqual([
      ["2024-03-15", "100", "short", "99.85"],
      ["2024-03-15", "95", "long", "-120.15"],
      ["2024-03-22", "100", "short", "379.90"],
      ["2024-03-22", "95", "long", "-180.10"],
    ]);
    // The roll moved both legs out a week, in one order: each leg's roll is listed on that date.
    expect(
      chain?.rolls.map((roll) => [roll.date, roll.from.strike, roll.label, roll.netCash, roll.oneOrder]),
    ).toEqual(
      expect.arrayContaining([
        ["2024-03-14", "100", "out", "179.90", true],
        ["2024-03-14", "95", "out", "-160.10", true],
      ]),
    );
  });

  it("adds up to one small result instead of two large opposite ones", () => {
    // 399.90 − 160.10 − 300.05 + 39.95 + 479.95 − 200.05 − 100.05 + 19.95
    expect(chain?.realized).toBe("179.50");
    expect(chain?.netPremium).toBe("179.50");
    expect(result.totals.realized).toBe("179.50");
    expect(reconciled(result)).toBe(true);
  });

  it("lists the opening spread and the spread the roll opened as strategy positions of the chain", () => {
    expect(
      result.strategies.map((position) => [
        position.openedOn,
        position.label,
        position.openingCash,
        position.cashKind,
        position.byRoll,
        position.legs.map((leg) => `${leg.direction} ${leg.quantity} ${leg.strike}`),
        position.chainId,
      ]),
    ).toEqual([
      ["2024-03-01", "bull-put-spread", "239.80", "credit", false, ["long 2 95", "short 2 100"], chain?.id],
      ["2024-03-14", "bull-put-spread", "279.90", "credit", true, ["long 2 95", "short 2 100"], chain?.id],
    ]);
    expect(result.strategies[0]?.orderId).toBe("open");
  });

  it("keeps the chain id when recomputed with the input in another order", () => {
    const again = computePnl(input({ asOf: "2024-03-22", executions: [...history(true)].reverse() }));
    expect(again.chains.map((item) => item.id)).toEqual([chain?.id]);
    expect(again.strategies.map((item) => item.id)).toEqual(result.strategies.map((item) => item.id));
  });

  it("is the same single chain from an activity report, where the roll is two order-less fills per leg", () => {
    const csv = computePnl(input({ asOf: "2024-03-22", executions: history(false) }));
    expect(csv.chains.map((item) => [item.strategy, item.realized, item.rolls.length])).toEqual([
      ["bull-put-spread", "179.50", 2],
    ]);
    expect(csv.chains[0]?.rolls.every((roll) => !roll.oneOrder)).toBe(true);
  });
});
