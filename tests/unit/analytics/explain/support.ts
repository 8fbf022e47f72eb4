import {
  type FillNumbers,
  fillCash,
  type OptionReconciliation,
  optionReconciliation,
} from "@/lib/analytics/explain";
import { add, type Micro, parseDecimal, ZERO } from "@/lib/money";
import type { PnlExecution, PnlResult } from "@/lib/pnl";

const micros = (text: string | null) => (text === null ? ZERO : parseDecimal(text));

export function fillNumbers(execution: PnlExecution): FillNumbers {
  return {
    side: execution.side,
    quantity: parseDecimal(execution.quantity),
    price: parseDecimal(execution.price),
    multiplier: parseDecimal(execution.contract.multiplier),
    fees: parseDecimal(execution.fees),
  };
}

/**
 * The identity as the Explain page computes it from stored rows: realized from the closed lots,
 * unrealized, market value and unmarked open cash from the open positions, cash flows from the fills
 * by `fillCash`, never from the engine's own totals.
 */
export function reconcileAsStored(
  result: PnlResult,
  executions: readonly PnlExecution[],
): OptionReconciliation {
  let realized: Micro = ZERO;
  for (const lot of result.matches) realized = add(realized, micros(lot.realized));
  let unrealized: Micro = ZERO;
  let marketValue: Micro = ZERO;
  let unmarkedOpenCash: Micro = ZERO;
  for (const position of result.openPositions) {
    if (position.marketValue === null) {
      unmarkedOpenCash = add(unmarkedOpenCash, micros(position.openCash));
      continue;
    }
    unrealized = add(unrealized, micros(position.unrealized));
    marketValue = add(marketValue, micros(position.marketValue));
  }
  let cashFlows: Micro = ZERO;
  for (const execution of executions) cashFlows = add(cashFlows, fillCash(fillNumbers(execution)));
  return optionReconciliation({ realized, unrealized, cashFlows, marketValue, unmarkedOpenCash });
}
