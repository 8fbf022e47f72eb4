import { add, formatMoney, type Micro, sub } from "@/lib/money";
import type { Formula } from "./formula";

/**
 * The identity every option history must satisfy exactly (docs/pnl-engine.md, "Reconciliation"),
 * checked here on the stored figures from three independent paths: realized from the closed lots,
 * unrealized and market value from the open positions, cash flows straight from the fills. Fees sit
 * inside each term (realized and unrealized are after fees, every fill's cash is net of its fees),
 * so they need no term of their own.
 *
 * Positions with no mark have no market value and no unrealized figure, so their open cash is named
 * and taken out of the cash flows. Anything else left over is a data problem: a close whose opening
 * fill is not in the history (its cash is a flow that no lot accounts for), or figures that were not
 * recomputed after the data changed.
 */
export const RECONCILIATION_FORMULA: Formula = {
  expression:
    "realized + unrealized = cash flows − open cash of positions without a mark + market value of open positions",
  rule: ["difference = left side − right side, which must be exactly 0"],
  where: [
    { term: "realized", meaning: "Σ realized of every closed lot, after fees" },
    { term: "unrealized", meaning: "Σ unrealized of every open position with a mark, after fees" },
    { term: "cash flows", meaning: "Σ cash of every option fill: sales +, purchases −, fees −" },
    { term: "market value", meaning: "Σ mark × signed contracts × multiplier of the positions with a mark" },
  ],
};

export type OptionReconciliationTerms = {
  realized: Micro;
  unrealized: Micro;
  cashFlows: Micro;
  marketValue: Micro;
  unmarkedOpenCash: Micro;
};

export type OptionReconciliation = {
  realized: string;
  unrealized: string;
  cashFlows: string;
  marketValue: string;
  unmarkedOpenCash: string;
  left: string;
  right: string;
  difference: string;
  holds: boolean;
};

export function optionReconciliation(terms: OptionReconciliationTerms): OptionReconciliation {
  const left = add(terms.realized, terms.unrealized);
  const right = add(sub(terms.cashFlows, terms.unmarkedOpenCash), terms.marketValue);
  const difference = sub(left, right);
  return {
    realized: formatMoney(terms.realized),
    unrealized: formatMoney(terms.unrealized),
    cashFlows: formatMoney(terms.cashFlows),
    marketValue: formatMoney(terms.marketValue),
    unmarkedOpenCash: formatMoney(terms.unmarkedOpenCash),
    left: formatMoney(left),
    right: formatMoney(right),
    difference: formatMoney(difference),
    holds: difference === 0,
  };
}
