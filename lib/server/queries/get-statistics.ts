import "server-only";
import {
  type Grouping,
  groupLabel,
  groupStatistics,
  type StatisticsGroupView,
  type StatisticsView,
  statisticsView,
  tradeStatistics,
} from "@/lib/analytics";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { listClosedPositions } from "./list-closed-positions";

export type StatisticsPage = {
  grouping: Grouping;
  /** Every closed position of the user. */
  overall: StatisticsView;
  groups: StatisticsGroupView[];
  /** Chains still open: not counted until they close. */
  openChains: number;
};

export type GetStatisticsOptions = { robinhoodUserId: string; grouping: Grouping; db?: Database };

/** The Statistics page: all closed positions, and the same figures per group. */
export async function getStatistics(options: GetStatisticsOptions): Promise<StatisticsPage> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const positions = await listClosedPositions(tx, user.id);
    const openChains = await tx.rollChain.count({ where: { userId: user.id, status: "OPEN" } });
    return {
      grouping: options.grouping,
      overall: statisticsView(tradeStatistics(positions)),
      groups: groupStatistics(positions, options.grouping).map((group) => ({
        key: group.key,
        label: groupLabel(options.grouping, group.key),
        statistics: statisticsView(group.statistics),
      })),
      openChains,
    };
  });
}
