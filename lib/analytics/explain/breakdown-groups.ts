import { MONTH_NAMES } from "@/lib/dates/month-names";
import { add, formatMoney, type Micro, ZERO } from "@/lib/money";
import { STRATEGY_NAMES, type StrategyLabel } from "@/lib/pnl";
import type { ClosedPosition } from "../closed-position";
import { UNKNOWN_GROUP } from "../grouping";
import { type StatisticsView, statisticsView } from "../statistics-view";
import { tradeStatistics } from "../trade-statistics";
import type { BreakdownGrouping } from "./explained-metrics";

/** An inclusive range of trading dates, YYYY-MM-DD; either end may be open. */
export type DateRange = { from: string | null; to: string | null };

export function inRange(date: string, range: DateRange): boolean {
  return (range.from === null || date >= range.from) && (range.to === null || date <= range.to);
}

/** Months and expirations newest first, names alphabetically, the unknown group last. */
export function compareBreakdownKeys(grouping: BreakdownGrouping, a: string, b: string): number {
  if (a === UNKNOWN_GROUP || b === UNKNOWN_GROUP) return a === b ? 0 : a === UNKNOWN_GROUP ? 1 : -1;
  const ascending = a < b ? -1 : a > b ? 1 : 0;
  return grouping === "month" || grouping === "expiration" ? -ascending : ascending;
}

/** "March 2025", "Bull put spread (credit)", "2025-03-21", "SOFI". */
export function breakdownGroupLabel(grouping: BreakdownGrouping, key: string): string {
  if (key === UNKNOWN_GROUP) return grouping === "strategy" ? "Not labelled" : "Unknown";
  if (grouping === "month") return `${MONTH_NAMES[Number(key.slice(5, 7)) - 1] ?? key} ${key.slice(0, 4)}`;
  if (grouping === "strategy") return STRATEGY_NAMES[key as StrategyLabel] ?? key;
  return key;
}

/** A group of money components as the database summed it. */
export type MoneyGroup = { key: string; value: Micro; count: number };
export type MoneyBreakdownRow = { key: string; label: string; value: string; count: number };
export type MoneyBreakdown = { rows: MoneyBreakdownRow[]; total: string; count: number };

/**
 * Groups in reading order with their exact sums, and the totals row: the sum of the groups, which is
 * the headline figure because every component falls in exactly one group.
 */
export function moneyBreakdown(grouping: BreakdownGrouping, groups: readonly MoneyGroup[]): MoneyBreakdown {
  let total = ZERO;
  let count = 0;
  for (const group of groups) {
    total = add(total, group.value);
    count += group.count;
  }
  const rows = [...groups]
    .sort((a, b) => compareBreakdownKeys(grouping, a.key, b.key))
    .map((group) => ({
      key: group.key,
      label: breakdownGroupLabel(grouping, group.key),
      value: formatMoney(group.value),
      count: group.count,
    }));
  return { rows, total: formatMoney(total), count };
}

/**
 * The group a closed position falls in. Expiration is the first contract's (the one it opened on),
 * month the month it closed, as the Statistics page counts periods.
 */
export function positionGroupKey(position: ClosedPosition, grouping: BreakdownGrouping): string {
  switch (grouping) {
    case "underlying":
      return position.underlying;
    case "strategy":
      return position.strategy ?? UNKNOWN_GROUP;
    case "expiration":
      return position.firstExpiration ?? UNKNOWN_GROUP;
    case "month":
      return position.closedOn.slice(0, 7);
  }
}

export type PositionBreakdownRow = { key: string; label: string; statistics: StatisticsView };
export type PositionBreakdown = { rows: PositionBreakdownRow[]; total: StatisticsView };

/** Closed positions per group with their statistics, and the statistics of all of them. */
export function positionBreakdown(
  grouping: BreakdownGrouping,
  positions: readonly ClosedPosition[],
): PositionBreakdown {
  const groups = new Map<string, ClosedPosition[]>();
  for (const position of positions) {
    const key = positionGroupKey(position, grouping);
    const group = groups.get(key);
    if (group) group.push(position);
    else groups.set(key, [position]);
  }
  const rows = [...groups.keys()]
    .sort((a, b) => compareBreakdownKeys(grouping, a, b))
    .map((key) => ({
      key,
      label: breakdownGroupLabel(grouping, key),
      statistics: statisticsView(tradeStatistics(groups.get(key) ?? [])),
    }));
  return { rows, total: statisticsView(tradeStatistics(positions)) };
}
