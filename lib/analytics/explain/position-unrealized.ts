import { add, displayDecimal, displayMoney, formatMoney, type Micro, mul3Rounded } from "@/lib/money";
import type { Formula, WorkedExample } from "./formula";

/**
 * The unrealized P&L of one open position, the rule of lib/pnl/valuation.ts: what closing it at the
 * latest mark would bring (its market value, negative for a short) plus the cash its opening fills
 * brought in (positive for a sale, negative for a purchase, fees included). Market value is rounded
 * half-even to the micro, as the engine rounds it (`MARKET_VALUE_ROUNDING`).
 */
export const UNREALIZED_FORMULA: Formula = {
  expression: "Unrealized P&L = Σ unrealized of every open position with a mark",
  rule: ["open position: mark × signed contracts × multiplier + open cash"],
  where: [
    { term: "mark", meaning: "the latest mark price of the contract from market data" },
    { term: "signed contracts", meaning: "positive when long, negative when short" },
    {
      term: "open cash",
      meaning: "premium received (+) or paid (−) for the contracts still open, fees included",
    },
    { term: "without a mark", meaning: "a position with no mark has no unrealized figure and is left out" },
  ],
};

export type PositionNumbers = {
  /** Signed: long positive, short negative. */
  quantity: Micro;
  mark: Micro;
  multiplier: Micro;
  openCash: Micro;
};

export function positionMarketValue(position: PositionNumbers): Micro {
  return mul3Rounded(position.mark, position.quantity, position.multiplier, "half-even");
}

/** An open position's unrealized P&L by `UNREALIZED_FORMULA`, exactly. */
export function positionUnrealized(position: PositionNumbers): Micro {
  return add(positionMarketValue(position), position.openCash);
}

const decimal = (value: Micro, minDigits = 0) => displayDecimal(formatMoney(value), { minDigits });

export function explainPositionUnrealized(position: PositionNumbers, stored: Micro): WorkedExample {
  const marketValue = positionMarketValue(position);
  const result = positionUnrealized(position);
  return {
    steps: [
      {
        label: "Market value: mark × signed contracts × multiplier",
        arithmetic: `${decimal(position.mark, 2)} × ${decimal(position.quantity)} × ${decimal(position.multiplier)}`,
        value: displayMoney(formatMoney(marketValue), { signed: true }),
      },
      {
        label: "+ open cash",
        arithmetic: `${displayMoney(formatMoney(marketValue))} + ${displayMoney(formatMoney(position.openCash))}`,
        value: displayMoney(formatMoney(result), { signed: true }),
      },
    ],
    result: formatMoney(result),
    stored: formatMoney(stored),
    agrees: result === stored,
  };
}
