import { add, type Micro, negate, type Ratio, ratioOf, unitsToMicros, ZERO } from "@/lib/money";
import type { ClosedPosition } from "./closed-position";
import { outcomeOf } from "./outcome";

/**
 * What a trader asks of a set of closed positions. Every figure is exact: sums in micros, and every
 * quotient an exact `Ratio`, rounded only when shown (see `RATIO_ROUNDING`). A figure with nothing to
 * divide by (no wins for the average win, no losses for the profit factor) is null, never 0.
 */
export type TradeStatistics = {
  /** Closed positions counted. */
  closed: number;
  wins: number;
  losses: number;
  /** Realized exactly zero: neither a win nor a loss (see `outcomeOf`). */
  breakEvens: number;
  /** Wins ÷ closed positions (break-evens included in the denominator). */
  winRate: Ratio | null;
  /** Sum of every position's realized P&L. */
  realized: Micro;
  /** Sum of the winners' realized P&L (positive). */
  grossWins: Micro;
  /** Sum of the losers' realized P&L (negative). */
  grossLosses: Micro;
  /** Gross wins ÷ number of wins. */
  averageWin: Ratio | null;
  /** Gross losses ÷ number of losses (negative). */
  averageLoss: Ratio | null;
  /** Gross wins ÷ |gross losses|; null when nothing was lost. */
  profitFactor: Ratio | null;
  /** Realized ÷ closed positions: what one position made on average (break-evens included). */
  expectancy: Ratio | null;
  /** The best and worst single positions' realized P&L; null when none won (lost). */
  largestWin: Micro | null;
  largestLoss: Micro | null;
  /** Calendar days held, summed over positions ÷ positions. */
  averageDaysHeld: Ratio | null;
  /** Positions that opened for a net credit (openingCredit > 0): the ones premium captured measures. */
  creditPositions: number;
  /** Their opening credit, summed. */
  creditReceived: Micro;
  /** Their realized P&L, summed: the part of the credit kept, after fees (negative when more was lost). */
  creditKept: Micro;
  /** Credit kept ÷ credit received. */
  premiumCaptured: Ratio | null;
};

/** The statistics of a set of closed positions (any order; each counted once). */
export function tradeStatistics(positions: readonly ClosedPosition[]): TradeStatistics {
  let wins = 0;
  let losses = 0;
  let breakEvens = 0;
  let realized = ZERO;
  let grossWins = ZERO;
  let grossLosses = ZERO;
  let largestWin: Micro | null = null;
  let largestLoss: Micro | null = null;
  let daysHeld = 0;
  let creditPositions = 0;
  let creditReceived = ZERO;
  let creditKept = ZERO;

  for (const position of positions) {
    realized = add(realized, position.realized);
    daysHeld += position.daysHeld;
    const outcome = outcomeOf(position.realized);
    if (outcome === "win") {
      wins += 1;
      grossWins = add(grossWins, position.realized);
      largestWin = largestWin === null ? position.realized : Math.max(largestWin, position.realized);
    } else if (outcome === "loss") {
      losses += 1;
      grossLosses = add(grossLosses, position.realized);
      largestLoss = largestLoss === null ? position.realized : Math.min(largestLoss, position.realized);
    } else {
      breakEvens += 1;
    }
    if (position.openingCredit > 0) {
      creditPositions += 1;
      creditReceived = add(creditReceived, position.openingCredit);
      creditKept = add(creditKept, position.realized);
    }
  }

  const closed = positions.length;
  return {
    closed,
    wins,
    losses,
    breakEvens,
    winRate: ratioOf(unitsToMicros(wins), unitsToMicros(closed)),
    realized,
    grossWins,
    grossLosses,
    averageWin: ratioOf(grossWins, unitsToMicros(wins)),
    averageLoss: ratioOf(grossLosses, unitsToMicros(losses)),
    profitFactor: ratioOf(grossWins, negate(grossLosses)),
    expectancy: ratioOf(realized, unitsToMicros(closed)),
    largestWin,
    largestLoss,
    averageDaysHeld: ratioOf(unitsToMicros(daysHeld), unitsToMicros(closed)),
    creditPositions,
    creditReceived,
    creditKept,
    premiumCaptured: ratioOf(creditKept, creditReceived),
  };
}
