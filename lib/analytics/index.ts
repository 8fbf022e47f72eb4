/**
 * Trading statistics that count positions, not legs: pure functions over closed roll chains. The
 * rules (what a win is, how each figure divides, how it rounds) are written once, here.
 */
export { addDays, daysFrom, daysInMonth, isoWeekOf, weekdayOf } from "./calendar-days";
export {
  type CalendarDay,
  type CalendarMonth,
  calendarMonth,
  HEAT_LEVELS,
  heatLevel,
  largestDay,
} from "./calendar-grid";
export type { ClosedPosition } from "./closed-position";
export { groupStatistics, type StatisticsGroup } from "./group-statistics";
export {
  compareGroupKeys,
  DTE_BUCKETS,
  daysToExpirationAtOpen,
  dteBucketOf,
  GROUPING_NAMES,
  GROUPINGS,
  type Grouping,
  groupKeyOf,
  UNKNOWN_GROUP,
} from "./grouping";
export { type Outcome, outcomeOf } from "./outcome";
export { daysToExpiration, maxProfitCaptured } from "./position-progress";
export {
  groupLabel,
  MONEY_DIGITS,
  PERCENT_DIGITS,
  type StatisticsGroupView,
  type StatisticsView,
  statisticsView,
} from "./statistics-view";
export { type TradeStatistics, tradeStatistics } from "./trade-statistics";
