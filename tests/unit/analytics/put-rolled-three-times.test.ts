import { describe, expect, it } from "vitest";
import { type ClosedPosition, tradeStatistics } from "@/lib/analytics";
import { parseDecimal, ratioText } from "@/lib/money";
import { computePnl, type RollChain } from "@/lib/pnl";
import { fill, input, lifecycle, option } from "../pnl/support/builders";

/**
 * A short put rolled three times, each roll a buy-to-close and a sell-to-open on the same day, the
 * last contract expiring worthless. Two of the four legs lost money on their own; the position made
 * money. Statistics count positions, so it is one win.
 */
describe("a put rolled three times counts as one winning position", () => {
  const first = option("SOFI 2024-03-08 8 put");
  const second = option("SOFI 2024-03-15 8 put");
  const third = option("SOFI 2024-03-22 7.5 put");
  const fourth = option("SOFI 2024-03-28 7.5 put");
  const result = computePnl(
    input({
      asOf: "2024-04-05",
      executions: [
        fill({
          id: "1",
          code: "STO",
          contract: first,
          quantity: "1",
          price: "1.00",
          fees: "0.03",
          date: "2024-03-01",
        }),
        fill({ id: "2", code: "BTC", contract: first, quantity: "1", price: "1.50", date: "2024-03-07" }),
        fill({
          id: "3",
          code: "STO",
          contract: second,
          quantity: "1",
          price: "1.80",
          fees: "0.03",
          date: "2024-03-07",
        }),
        fill({ id: "4", code: "BTC", contract: second, quantity: "1", price: "1.40", date: "2024-03-14" }),
        fill({
          id: "5",
          code: "STO",
          contract: third,
          quantity: "1",
          price: "1.60",
          fees: "0.03",
          date: "2024-03-14",
        }),
        fill({ id: "6", code: "BTC", contract: third, quantity: "1", price: "1.00", date: "2024-03-21" }),
        fill({
          id: "7",
          code: "STO",
          contract: fourth,
          quantity: "1",
          price: "1.20",
          fees: "0.03",
          date: "2024-03-21",
        }),
      ],
      events: [
        lifecycle({ id: "x", type: "expiration", contract: fourth, quantity: "1", date: "2024-03-28" }),
      ],
    }),
  );

  /** The closed chain as the statistics read model hands it over (credit written out by hand). */
  function asClosedPosition(chain: RollChain): ClosedPosition {
    return {
      id: chain.id,
      underlying: chain.underlying,
      strategy: chain.strategy,
      openedOn: chain.openedOn,
      closedOn: chain.closedOn ?? "",
      daysHeld: chain.daysHeld,
      realized: parseDecimal(chain.realized),
      // (1.00 + 1.80 + 1.60 + 1.20) x 100: every premium the position sold.
      openingCredit: parseDecimal("560.00"),
      firstExpiration: "2024-03-08",
    };
  }

  it("the engine links the four contracts into one chain with three rolls", () => {
    expect(result.chains).toHaveLength(1);
    expect(result.chains[0]).toMatchObject({
      status: "expired",
      openedOn: "2024-03-01",
      closedOn: "2024-03-28",
      // (1.00 - 1.50 + 1.80 - 1.40 + 1.60 - 1.00 + 1.20) x 100 - 4 x 0.03
      realized: "169.88",
    });
    expect(result.chains[0]?.rolls).toHaveLength(3);
  });

  it("is one closed position and one win, though two of its legs lost", () => {
    const statistics = tradeStatistics(result.chains.map(asClosedPosition));
    expect(statistics).toMatchObject({ closed: 1, wins: 1, losses: 0, breakEvens: 0 });
    expect(statistics.largestWin).toBe(parseDecimal("169.88"));
    expect(statistics.winRate && ratioText(statistics.winRate, { digits: 1, scale: 100 })).toBe("100.0");
    expect(statistics.averageDaysHeld && ratioText(statistics.averageDaysHeld, { digits: 0 })).toBe("27");
  });

  it("kept 30.34 % of the 560.00 of premium it sold", () => {
    const statistics = tradeStatistics(result.chains.map(asClosedPosition));
    // 169.88 / 560 = 0.303357…
    expect(
      statistics.premiumCaptured && ratioText(statistics.premiumCaptured, { digits: 2, scale: 100 }),
    ).toBe("30.34");
  });
});
