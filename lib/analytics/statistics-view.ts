import { MONTH_NAMES } from "@/lib/dates/month-names";
import { formatMoney, type Micro, type Ratio, ratioText } from "@/lib/money";
import { STRATEGY_NAMES, type StrategyLabel } from "@/lib/pnl";
import { DTE_BUCKETS, type Grouping, UNKNOWN_GROUP } from "./grouping";
import type { TradeStatistics } from "./trade-statistics";

/**
 * Statistics as pages and exports show them: money as exact decimal strings (sums exact, averages
 * rounded to the cent), rates as percentages to a tenth, by `RATIO_ROUNDING`. Null where a figure
 * has nothing to divide by. Pure, so the page and its CSV export print the same digits.
 */
export type StatisticsView = {
  closed: number;
  wins: number;
  losses: number;
  breakEvens: number;
  /** Percent, one decimal ("66.7"). */
  winRate: string | null;
  realized: string;
  grossWins: string;
  grossLosses: string;
  averageWin: string | null;
  averageLoss: string | null;
  /** A plain ratio, two decimals ("1.85"); null when nothing was lost. */
  profitFactor: string | null;
  expectancy: string | null;
  largestWin: string | null;
  largestLoss: string | null;
  /** Days, one decimal. */
  averageDaysHeld: string | null;
  creditPositions: number;
  creditReceived: string;
  creditKept: string;
  /** Percent, one decimal. */
  premiumCaptured: string | null;
};

export const MONEY_DIGITS = 2;
export const PERCENT_DIGITS = 1;

const money = (value: Micro) => formatMoney(value);
const moneyOrNull = (value: Micro | null) => (value === null ? null : money(value));
const ratio = (value: Ratio | null, digits: number, scale = 1) =>
  value === null ? null : ratioText(value, { digits, scale });

export function statisticsView(statistics: TradeStatistics): StatisticsView {
  return {
    closed: statistics.closed,
    wins: statistics.wins,
    losses: statistics.losses,
    breakEvens: statistics.breakEvens,
    winRate: ratio(statistics.winRate, PERCENT_DIGITS, 100),
    realized: money(statistics.realized),
    grossWins: money(statistics.grossWins),
    grossLosses: money(statistics.grossLosses),
    averageWin: ratio(statistics.averageWin, MONEY_DIGITS),
    averageLoss: ratio(statistics.averageLoss, MONEY_DIGITS),
    profitFactor: ratio(statistics.profitFactor, 2),
    expectancy: ratio(statistics.expectancy, MONEY_DIGITS),
    largestWin: moneyOrNull(statistics.largestWin),
    largestLoss: moneyOrNull(statistics.largestLoss),
    averageDaysHeld: ratio(statistics.averageDaysHeld, 1),
    creditPositions: statistics.creditPositions,
    creditReceived: money(statistics.creditReceived),
    creditKept: money(statistics.creditKept),
    premiumCaptured: ratio(statistics.premiumCaptured, PERCENT_DIGITS, 100),
  };
}

/** A group key as a reader says it: "March 2025", "Week 7 of 2025", "Bull put spread", "22–45 days". */
export function groupLabel(grouping: Grouping, key: string): string {
  if (key === UNKNOWN_GROUP) return grouping === "strategy" ? "Not labelled" : "Unknown";
  switch (grouping) {
    case "month":
      return `${MONTH_NAMES[Number(key.slice(5, 7)) - 1] ?? key} ${key.slice(0, 4)}`;
    case "week":
      return `Week ${Number(key.slice(6))} of ${key.slice(0, 4)}`;
    case "strategy":
      return STRATEGY_NAMES[key as StrategyLabel] ?? key;
    case "dte":
      return DTE_BUCKETS.find((bucket) => bucket.key === key)?.label ?? key;
    default:
      return key;
  }
}

/** One group's row on the Statistics page and in its export. */
export type StatisticsGroupView = { key: string; label: string; statistics: StatisticsView };
