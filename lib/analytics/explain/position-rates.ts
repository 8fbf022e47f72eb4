import { displayMoney, formatMoney, type Micro, ratioOf, ratioText, unitsToMicros } from "@/lib/money";
import type { ClosedPosition } from "../closed-position";
import { outcomeOf } from "../outcome";
import { PERCENT_DIGITS } from "../statistics-view";
import type { TradeStatistics } from "../trade-statistics";
import type { Formula, WorkedStep } from "./formula";

/** The win rate's rule, computed by `tradeStatistics` (../trade-statistics.ts) with `outcomeOf`. */
export const WIN_RATE_FORMULA: Formula = {
  expression: "Win rate = wins ÷ closed positions",
  rule: [
    "win: realized P&L after fees > 0",
    "loss: realized P&L after fees < 0",
    "break-even: exactly 0, neither a win nor a loss, but a closed position",
  ],
  where: [
    {
      term: "position",
      meaning: "a closed roll chain: one option or the legs of a spread, through every roll, counted once",
    },
  ],
};

/** Premium captured's rule, computed by `tradeStatistics` (../trade-statistics.ts). */
export const PREMIUM_CAPTURED_FORMULA: Formula = {
  expression: "Premium captured = credit kept ÷ credit received",
  rule: ["over closed positions opened for a net credit (opening credit > 0)"],
  where: [
    {
      term: "credit received",
      meaning: "premium of every opening fill, rolls included: short legs +, long legs −, fees excluded",
    },
    { term: "credit kept", meaning: "the same positions' realized P&L, fees included" },
  ],
};

const percent = (numerator: Micro, denominator: Micro) => {
  const ratio = ratioOf(numerator, denominator);
  return ratio === null ? "—" : `${ratioText(ratio, { digits: PERCENT_DIGITS, scale: 100 })} %`;
};

const outcomeWords = { win: "a win", loss: "a loss", "break-even": "a break-even" } as const;

/** The win rate of `statistics` with its counts plugged in, and how `example` was counted. */
export function explainWinRate(statistics: TradeStatistics, example: ClosedPosition | null): WorkedStep[] {
  const steps: WorkedStep[] = [];
  if (example) {
    const outcome = outcomeOf(example.realized);
    steps.push({
      label: "One position, however often it was rolled",
      arithmetic: `realized ${displayMoney(formatMoney(example.realized), { signed: true })} ${
        outcome === "win" ? "> 0" : outcome === "loss" ? "< 0" : "= 0"
      }`,
      value: outcomeWords[outcome],
    });
  }
  steps.push({
    label: "Wins ÷ closed positions",
    arithmetic: `${statistics.wins} ÷ ${statistics.closed} (${statistics.losses} lost, ${statistics.breakEvens} even)`,
    value: percent(unitsToMicros(statistics.wins), unitsToMicros(statistics.closed)),
  });
  return steps;
}

/** Premium captured of `example` and of `statistics`, with their numbers plugged in. */
export function explainPremiumCaptured(
  statistics: TradeStatistics,
  example: ClosedPosition | null,
): WorkedStep[] {
  const steps: WorkedStep[] = [];
  if (example && example.openingCredit > 0) {
    steps.push({
      label: "One position: realized ÷ opening credit",
      arithmetic: `${displayMoney(formatMoney(example.realized))} ÷ ${displayMoney(formatMoney(example.openingCredit))}`,
      value: percent(example.realized, example.openingCredit),
    });
  }
  steps.push({
    label: `All ${statistics.creditPositions} credit positions: credit kept ÷ credit received`,
    arithmetic: `${displayMoney(formatMoney(statistics.creditKept))} ÷ ${displayMoney(formatMoney(statistics.creditReceived))}`,
    value: percent(statistics.creditKept, statistics.creditReceived),
  });
  return steps;
}
