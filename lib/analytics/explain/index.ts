/**
 * "Explain the numbers": each headline figure's formula (written next to the rule that computes it),
 * worked examples from a user's own numbers, breakdowns whose totals row is the headline figure, the
 * option reconciliation identity and the net-premium grid. Pure: the read models in
 * lib/server/queries/ feed them what the database summed.
 */

export {
  breakdownGroupLabel,
  compareBreakdownKeys,
  type DateRange,
  inRange,
  type MoneyBreakdown,
  type MoneyBreakdownRow,
  type MoneyGroup,
  moneyBreakdown,
  type PositionBreakdown,
  type PositionBreakdownRow,
  positionBreakdown,
  positionGroupKey,
} from "./breakdown-groups";
export {
  BREAKDOWN_GROUPING_NAMES,
  BREAKDOWN_GROUPINGS,
  type BreakdownGrouping,
  type BreakdownSettings,
  breakdownHref,
  EXPLAINED_METRIC_INFO,
  EXPLAINED_METRICS,
  type ExplainedMetric,
  type ExplainedMetricInfo,
  GREEK_METRICS,
  type GreekMetric,
  groupingFor,
  isGreekMetric,
} from "./explained-metrics";
export {
  CASH_FLOWS_FORMULA,
  explainFillCash,
  explainOrderFees,
  FEES_FORMULA,
  type FillNumbers,
  fillCash,
} from "./fill-cash";
export type { Formula, WorkedExample, WorkedStep } from "./formula";
export {
  DELTA_DOLLARS_FORMULA,
  explainGreekExposure,
  GREEK_FIGURE,
  type GreekBreakdown,
  type GreekComponent,
  greekBreakdown,
  greekExampleOf,
  greekFigureOf,
  greekGroupKey,
  THETA_PER_DAY_FORMULA,
} from "./greek-exposure";
export { explainLotRealized, type LotNumbers, lotRealized, REALIZED_FORMULA } from "./lot-realized";
export {
  type NetPremiumCell,
  type NetPremiumGrid,
  type NetPremiumGridCell,
  netPremiumGrid,
} from "./net-premium-grid";
export {
  type OptionReconciliation,
  type OptionReconciliationTerms,
  optionReconciliation,
  RECONCILIATION_FORMULA,
} from "./option-reconciliation";
export {
  explainPremiumCaptured,
  explainWinRate,
  PREMIUM_CAPTURED_FORMULA,
  WIN_RATE_FORMULA,
} from "./position-rates";
export {
  explainPositionUnrealized,
  type PositionNumbers,
  positionMarketValue,
  positionUnrealized,
  UNREALIZED_FORMULA,
} from "./position-unrealized";
