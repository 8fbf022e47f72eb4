import "server-only";
import type { ClosedPosition } from "@/lib/analytics";
import { tradeStatistics } from "@/lib/analytics";
import {
  type BreakdownGrouping,
  CASH_FLOWS_FORMULA,
  type DateRange,
  EXPLAINED_METRIC_INFO,
  type ExplainedMetric,
  explainPremiumCaptured,
  explainWinRate,
  FEES_FORMULA,
  type Formula,
  type GreekMetric,
  inRange,
  type MoneyBreakdown,
  moneyBreakdown,
  type PositionBreakdown,
  PREMIUM_CAPTURED_FORMULA,
  positionBreakdown,
  REALIZED_FORMULA,
  UNREALIZED_FORMULA,
  WIN_RATE_FORMULA,
  type WorkedStep,
} from "@/lib/analytics/explain";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import {
  cashFlowExample,
  type ExampleSubject,
  feesExample,
  type MoneyExample,
  realizedExample,
  unrealizedExample,
} from "./breakdown-examples";
import { type MoneyMetric, moneyGroups } from "./breakdown-money-groups";
import { listClosedPositions } from "./list-closed-positions";

/** The metrics read from P&L rows; delta and theta come from the Risk page's read (get-greek-breakdown.ts). */
export type PnlMetric = Exclude<ExplainedMetric, GreekMetric>;

const FORMULAS: Record<PnlMetric, Formula> = {
  realized: REALIZED_FORMULA,
  unrealized: UNREALIZED_FORMULA,
  fees: FEES_FORMULA,
  "cash-flows": CASH_FLOWS_FORMULA,
  "win-rate": WIN_RATE_FORMULA,
  "premium-captured": PREMIUM_CAPTURED_FORMULA,
};

type Common = {
  metric: ExplainedMetric;
  grouping: BreakdownGrouping;
  /** The range applied: always open for a metric that takes none. */
  range: DateRange;
  formula: Formula;
};

export type MoneyBreakdownPage = Common & {
  kind: "money";
  breakdown: MoneyBreakdown;
  example: MoneyExample | null;
  /** Open positions without a mark: not part of unrealized P&L (0 for other metrics). */
  unmarkedPositions: number;
};

export type PositionBreakdownPage = Common & {
  kind: "positions";
  breakdown: PositionBreakdown;
  example: { subject: ExampleSubject | null; steps: WorkedStep[] };
  /** Chains still open: not counted until they close. */
  openChains: number;
};

export type BreakdownPage = MoneyBreakdownPage | PositionBreakdownPage;

export type GetBreakdownOptions = {
  robinhoodUserId: string;
  metric: PnlMetric;
  grouping: BreakdownGrouping;
  range: DateRange;
  db?: Database;
};

/**
 * A breakdown page's read: the metric's components summed per group (in SQL for money metrics; per
 * closed position for rates, which do not add up), its formula and a worked example from the
 * user's own data, all in one read-only transaction so the figures agree with each other.
 */
export async function getBreakdown(options: GetBreakdownOptions): Promise<BreakdownPage> {
  const { metric, grouping } = options;
  const range = EXPLAINED_METRIC_INFO[metric].dateRangeBy === null ? { from: null, to: null } : options.range;
  const common: Common = { metric, grouping, range, formula: FORMULAS[metric] };
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    if (metric === "win-rate" || metric === "premium-captured") {
      return { ...common, kind: "positions", ...(await positionsPage(tx, user.id, metric, grouping, range)) };
    }
    const groups = await moneyGroups(tx, { userId: user.id, metric, grouping, range });
    return {
      ...common,
      kind: "money",
      breakdown: moneyBreakdown(grouping, groups),
      example: await moneyExample(tx, user.id, metric, range),
      unmarkedPositions: metric === "unrealized" ? await unmarkedPositions(tx, user.id) : 0,
    };
  });
}

function moneyExample(
  tx: UserTransaction,
  userId: string,
  metric: MoneyMetric,
  range: DateRange,
): Promise<MoneyExample | null> {
  switch (metric) {
    case "realized":
      return realizedExample(tx, userId, range);
    case "unrealized":
      return unrealizedExample(tx, userId);
    case "fees":
      return feesExample(tx, userId, range);
    case "cash-flows":
      return cashFlowExample(tx, userId, range);
  }
}

async function unmarkedPositions(tx: UserTransaction, userId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM open_positions
    WHERE user_id = ${userId}::uuid AND unrealized_pnl IS NULL`;
  return row?.count ?? 0;
}

async function positionsPage(
  tx: UserTransaction,
  userId: string,
  metric: "win-rate" | "premium-captured",
  grouping: BreakdownGrouping,
  range: DateRange,
) {
  const positions = (await listClosedPositions(tx, userId)).filter((position) =>
    inRange(position.closedOn, range),
  );
  const openChains = await tx.rollChain.count({ where: { userId, status: "OPEN" } });
  const statistics = tradeStatistics(positions);
  let chosen: ClosedPosition | null;
  let rollsOfChosen: number | null = null;
  if (metric === "win-rate") {
    // The position rolled most often shows best that a chain counts once, however many legs it had.
    const rolls = await rollCounts(tx, userId);
    chosen = pickBest(positions, (a, b) => (rolls.get(b.id) ?? 0) - (rolls.get(a.id) ?? 0));
    rollsOfChosen = chosen ? (rolls.get(chosen.id) ?? 0) : null;
  } else {
    chosen = pickBest(
      positions.filter((position) => position.openingCredit > 0),
      (a, b) => b.openingCredit - a.openingCredit,
    );
  }
  return {
    breakdown: positionBreakdown(grouping, positions),
    example: {
      subject: chosen ? positionSubject(chosen, rollsOfChosen) : null,
      steps:
        metric === "win-rate"
          ? explainWinRate(statistics, chosen)
          : explainPremiumCaptured(statistics, chosen),
    },
    openChains,
  };
}

/** The first position by `order`, ties broken by the larger result, then the latest close. */
function pickBest(
  positions: readonly ClosedPosition[],
  order: (a: ClosedPosition, b: ClosedPosition) => number,
): ClosedPosition | null {
  const sorted = [...positions].sort(
    (a, b) =>
      order(a, b) ||
      Math.abs(b.realized) - Math.abs(a.realized) ||
      (a.closedOn < b.closedOn ? 1 : a.closedOn > b.closedOn ? -1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
  return sorted[0] ?? null;
}

function positionSubject(position: ClosedPosition, rolls: number | null): ExampleSubject {
  const rolled =
    rolls === null
      ? ""
      : rolls === 0
        ? ", never rolled"
        : `, rolled ${rolls} ${rolls === 1 ? "time" : "times"}`;
  return {
    contract: null,
    description: `${position.underlying} position opened ${position.openedOn}, closed ${position.closedOn}${rolled}`,
    href: `/chains/${position.id}`,
  };
}

async function rollCounts(tx: UserTransaction, userId: string): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ id: string; rolls: number }[]>`
    SELECT id::text, roll_count AS rolls FROM roll_chains
    WHERE user_id = ${userId}::uuid AND status <> 'OPEN'`;
  return new Map(rows.map((row) => [row.id, row.rolls]));
}
