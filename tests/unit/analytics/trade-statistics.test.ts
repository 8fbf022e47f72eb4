import { describe, expect, it } from "vitest";
import { type TradeStatistics, tradeStatistics } from "@/lib/analytics";
import { formatMoney, parseDecimal, ratioText } from "@/lib/money";
import { closed } from "./support";

/** Each figure as the Statistics page shows it (money to the cent, rates to a tenth of a percent). */
function shown(statistics: TradeStatistics) {
  const money = (value: number | null) => (value === null ? null : formatMoney(value));
  return {
    closed: statistics.closed,
    wins: statistics.wins,
    losses: statistics.losses,
    breakEvens: statistics.breakEvens,
    winRate: statistics.winRate && ratioText(statistics.winRate, { digits: 1, scale: 100 }),
    realized: money(statistics.realized),
    averageWin: statistics.averageWin && ratioText(statistics.averageWin, { digits: 2 }),
    averageLoss: statistics.averageLoss && ratioText(statistics.averageLoss, { digits: 2 }),
    profitFactor: statistics.profitFactor && ratioText(statistics.profitFactor, { digits: 2 }),
    expectancy: statistics.expectancy && ratioText(statistics.expectancy, { digits: 2 }),
    largestWin: money(statistics.largestWin),
    largestLoss: money(statistics.largestLoss),
    averageDaysHeld: statistics.averageDaysHeld && ratioText(statistics.averageDaysHeld, { digits: 1 }),
    premiumCaptured:
      statistics.premiumCaptured && ratioText(statistics.premiumCaptured, { digits: 1, scale: 100 }),
  };
}

describe("statistics of a small history of closed positions", () => {
  // Six positions: three credit trades that won, one that lost, one debit trade that lost, one scratch.
  const history = [
    closed({ id: "a", realized: "120.00", openingCredit: "150.00", daysHeld: 10 }),
    closed({ id: "b", realized: "45.50", openingCredit: "60.00", daysHeld: 4 }),
    closed({ id: "c", realized: "80.00", openingCredit: "100.00", daysHeld: 21 }),
    closed({ id: "d", realized: "-210.25", openingCredit: "90.00", daysHeld: 30 }),
    closed({ id: "e", realized: "-35.00", openingCredit: "-120.00", strategy: "long-call", daysHeld: 3 }),
    closed({ id: "f", realized: "0", openingCredit: "40.00", daysHeld: 1 }),
  ];
  const statistics = tradeStatistics(history);

  it("counts each position once as a win, a loss or a break-even, by its realized P&L after fees", () => {
    expect(statistics).toMatchObject({ closed: 6, wins: 3, losses: 2, breakEvens: 1 });
  });

  it("figures each statistic exactly from the positions, rounded only for display", () => {
    expect(shown(statistics)).toEqual({
      closed: 6,
      wins: 3,
      losses: 2,
      breakEvens: 1,
      // 3 of 6 positions made money.
      winRate: "50.0",
      // 120 + 45.50 + 80 - 210.25 - 35 + 0
      realized: "0.25",
      // (120 + 45.50 + 80) / 3 = 81.8333…
      averageWin: "81.83",
      // (-210.25 - 35) / 2 = -122.625, half away from zero
      averageLoss: "-122.63",
      // 245.50 / 245.25 = 1.00101…
      profitFactor: "1.00",
      // 0.25 / 6 = 0.041666…
      expectancy: "0.04",
      largestWin: "120.00",
      largestLoss: "-210.25",
      // (10 + 4 + 21 + 30 + 3 + 1) / 6 = 11.5
      averageDaysHeld: "11.5",
      // credit positions a, b, c, d, f: (120 + 45.50 + 80 - 210.25 + 0) / (150 + 60 + 100 + 90 + 40) = 35.25 / 440
      premiumCaptured: "8.0",
    });
    expect(statistics.profitFactor).toEqual({
      numerator: parseDecimal("245.50"),
      denominator: parseDecimal("245.25"),
    });
  });

  it("leaves debit positions out of premium captured", () => {
    expect(statistics.creditPositions).toBe(5);
    expect(formatMoney(statistics.creditReceived)).toBe("440.00");
    expect(formatMoney(statistics.creditKept)).toBe("35.25");
  });

  it("gives no figure, rather than zero, where there is nothing to divide by", () => {
    const onlyWins = tradeStatistics([closed({ realized: "10" }), closed({ realized: "30" })]);
    expect(onlyWins.profitFactor).toBeNull();
    expect(onlyWins.averageLoss).toBeNull();
    expect(onlyWins.largestLoss).toBeNull();
    expect(onlyWins.premiumCaptured).toBeNull();
    expect(onlyWins.winRate && ratioText(onlyWins.winRate, { digits: 0, scale: 100 })).toBe("100");

    const none = tradeStatistics([]);
    expect(none).toMatchObject({ closed: 0, winRate: null, expectancy: null, averageDaysHeld: null });
    expect(none.realized).toBe(0);
  });
});

describe("a break-even trade", () => {
  // Sold for 0.52, bought back for 0.50: the 2.00 difference went to fees exactly.
  const scratch = closed({ id: "scratch", realized: "0.00", openingCredit: "52.00" });
  const win = closed({ id: "win", realized: "25.00", openingCredit: "50.00" });
  const statistics = tradeStatistics([scratch, win]);

  it("is neither a win nor a loss", () => {
    expect(statistics).toMatchObject({ wins: 1, losses: 0, breakEvens: 1 });
    expect(statistics.averageLoss).toBeNull();
    expect(statistics.largestLoss).toBeNull();
  });

  it("still counts as a closed position: it halves the win rate and the expectancy", () => {
    expect(statistics.winRate && ratioText(statistics.winRate, { digits: 1, scale: 100 })).toBe("50.0");
    expect(statistics.expectancy && ratioText(statistics.expectancy, { digits: 2 })).toBe("12.50");
    expect(statistics.averageWin && ratioText(statistics.averageWin, { digits: 2 })).toBe("25.00");
  });

  it("counts its credit as received and none of it kept", () => {
    expect(
      statistics.premiumCaptured && ratioText(statistics.premiumCaptured, { digits: 2, scale: 100 }),
    ).toBe("24.51");
  });
});
