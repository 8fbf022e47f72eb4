import { add, formatMoney, type Micro, sub } from "@/lib/money";
import type { Reconciliation } from "./result-types";

/**
 * The identity every result must satisfy exactly:
 *
 *   realized + unrealized = cash flows + market value of open positions
 *
 * where realized is summed from the matched lots, unrealized and market value from the open lots,
 * and cash flows straight from the fills — three independent paths through the data, so a lot split
 * that drops or invents a micro shows up here. Two named exclusions keep it exact when the input is
 * incomplete: cash of closing quantity whose opening fill is not in the input, and the open cash of
 * positions with no mark (no market value, no unrealized figure).
 */
export interface ReconcileTerms {
  realized: Micro;
  unrealized: Micro;
  cashFlow: Micro;
  marketValue: Micro;
  unmatchedCloseCash: Micro;
  unmarkedOpenCash: Micro;
}

export function reconcile(terms: ReconcileTerms): Reconciliation {
  const left = add(terms.realized, terms.unrealized);
  const right = add(
    sub(sub(terms.cashFlow, terms.unmatchedCloseCash), terms.unmarkedOpenCash),
    terms.marketValue,
  );
  const difference = sub(left, right);
  return {
    realized: formatMoney(terms.realized),
    unrealized: formatMoney(terms.unrealized),
    cashFlow: formatMoney(terms.cashFlow),
    marketValue: formatMoney(terms.marketValue),
    unmatchedCloseCash: formatMoney(terms.unmatchedCloseCash),
    unmarkedOpenCash: formatMoney(terms.unmarkedOpenCash),
    difference: formatMoney(difference),
    holds: difference === 0,
  };
}
