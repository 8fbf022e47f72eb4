/**
 * The P&L engine: `computePnl(input)` turns executions, lifecycle events and marks into matched
 * lots, open positions, roll chains and totals. Pure and exact (see lib/money).
 */
export { BREAKEVEN_ROUNDING } from "./chains/build-chains";
export {
  computePnl,
  contractInputRows,
  ENGINE_VERSION,
  forEachMatchedLot,
  matchedLotCount,
} from "./compute-pnl";
export { contractKey } from "./contract";
export { dayNumber, formatDay } from "./dates";
export {
  createContractColumns,
  createExecutionColumns,
  FILL_BUYS,
  FILL_OPENS,
  type PnlColumns,
  type PnlContractColumns,
  type PnlExecutionColumns,
} from "./input-columns";
export { type InputProblem, PnlInputError } from "./input-error";
export { MARKET_VALUE_ROUNDING } from "./marks";
export type * from "./result-types";
export type { MatchedLotView, MatchedLotVisitor } from "./rows/match-rows";
export { STOCK_GROSS_ROUNDING, stockTradeGross } from "./stock-trades";
export { STRATEGY_LABELS, STRATEGY_NAMES } from "./strategies/strategy-rules";
export { toPnlColumns } from "./to-columns";
export type * from "./types";
export { AVERAGE_PRICE_ROUNDING } from "./valuation";
