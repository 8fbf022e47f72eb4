import type { ClosedPosition } from "./closed-position";
import { compareGroupKeys, type Grouping, groupKeyOf } from "./grouping";
import { type TradeStatistics, tradeStatistics } from "./trade-statistics";

export type StatisticsGroup = { key: string; statistics: TradeStatistics };

/** Statistics of each group of closed positions, in the grouping's reading order. */
export function groupStatistics(positions: readonly ClosedPosition[], grouping: Grouping): StatisticsGroup[] {
  const groups = new Map<string, ClosedPosition[]>();
  for (const position of positions) {
    const key = groupKeyOf(position, grouping);
    const members = groups.get(key);
    if (members) members.push(position);
    else groups.set(key, [position]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareGroupKeys(grouping, a, b))
    .map(([key, members]) => ({ key, statistics: tradeStatistics(members) }));
}
