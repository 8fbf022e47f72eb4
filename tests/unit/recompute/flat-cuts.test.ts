import { describe, expect, it } from "vitest";
import { computePnl, type PnlInput } from "@/lib/pnl";
import { flatCutsOf } from "@/lib/server/recompute/flat-cuts";
import { fill, input, option, stock } from "../pnl/support/builders";

// An underlying's flat cut: the latest trading date whose start no chain, share lot or wheel cycle
// spans, up to the day after its last input and never after the valuation date.

const MARCH = option("FLT 2026-03-20 50 put");
const SEPTEMBER = option("FLT 2026-09-18 50 put");

function cutsOf(parts: Partial<PnlInput> & { asOf: string }, lastDays: Record<string, string>) {
  return flatCutsOf({
    result: computePnl(input(parts)),
    asOf: parts.asOf,
    lastDays: new Map(Object.entries(lastDays)),
    previous: new Map(),
    underlyings: Object.keys(lastDays),
  });
}

describe("flat cuts", () => {
  const openAndClose = [
    fill({ id: "o", code: "STO", contract: MARCH, quantity: "1", price: "2", date: "2026-02-02" }),
    fill({ id: "c", code: "BTC", contract: MARCH, quantity: "1", price: "1", date: "2026-02-05" }),
  ];

  it("fall on the day after the last input once everything is closed", () => {
    const cuts = cutsOf({ asOf: "2026-07-01", executions: openAndClose }, { FLT: "2026-02-05" });
    expect(cuts.get("FLT")).toEqual({ day: "2026-02-06", stockRealized: {} });
  });

  it("stay before a lot that spans the valuation date's start, on that date", () => {
    // Valued on the close's own day: a later sync that day may still add fills dated that day.
    const cuts = cutsOf({ asOf: "2026-02-05", executions: openAndClose }, { FLT: "2026-02-05" });
    expect(cuts.get("FLT")?.day).toBe("2026-02-02");
  });

  it("stay at the open of a position still open, even across a roll into it", () => {
    const executions = [
      ...openAndClose,
      // Rolled the same day into September, still open.
      fill({ id: "r", code: "STO", contract: SEPTEMBER, quantity: "1", price: "2.5", date: "2026-02-05" }),
      // An earlier, separate position that was flat before the roll's chain began.
      fill({ id: "a", code: "STO", contract: MARCH, quantity: "1", price: "1", date: "2026-01-05" }),
      fill({ id: "b", code: "BTC", contract: MARCH, quantity: "1", price: "0.5", date: "2026-01-06" }),
    ];
    const cuts = cutsOf({ asOf: "2026-07-01", executions }, { FLT: "2026-02-05" });
    expect(cuts.get("FLT")?.day).toBe("2026-02-02");
  });

  it("carry each account's realized stock P&L from before the cut", () => {
    const stockTrades = [
      stock({ id: "b1", side: "buy", symbol: "FLT", quantity: "100", price: "50", date: "2026-02-02" }),
      stock({ id: "s1", side: "sell", symbol: "FLT", quantity: "100", price: "52", date: "2026-02-03" }),
      stock({
        id: "b2",
        side: "buy",
        symbol: "FLT",
        quantity: "10",
        price: "50",
        date: "2026-02-03",
        accountId: "acct-2",
      }),
      stock({
        id: "s2",
        side: "sell",
        symbol: "FLT",
        quantity: "10",
        price: "49",
        date: "2026-02-03",
        accountId: "acct-2",
      }),
    ];
    const cuts = cutsOf({ asOf: "2026-07-01", stockTrades }, { FLT: "2026-02-03" });
    expect(cuts.get("FLT")).toEqual({
      day: "2026-02-04",
      stockRealized: { "acct-1": "200.00", "acct-2": "-10.00" },
    });
  });

  it("keep an earlier cut when the replay saw nothing of the underlying", () => {
    const earlier = { day: "2026-02-04", stockRealized: { "acct-1": "200.00" } };
    const cuts = flatCutsOf({
      result: computePnl(input({ asOf: "2026-07-01" })),
      asOf: "2026-07-01",
      lastDays: new Map(),
      previous: new Map([["FLT", earlier]]),
      underlyings: ["FLT"],
    });
    expect(cuts.get("FLT")).toEqual(earlier);
  });
});
