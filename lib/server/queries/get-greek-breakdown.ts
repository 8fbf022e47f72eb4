import "server-only";
import {
  type BreakdownGrouping,
  DELTA_DOLLARS_FORMULA,
  explainGreekExposure,
  type Formula,
  GREEK_FIGURE,
  type GreekBreakdown,
  type GreekComponent,
  type GreekMetric,
  greekBreakdown,
  greekExampleOf,
  greekFigureOf,
  THETA_PER_DAY_FORMULA,
} from "@/lib/analytics/explain";
import type { Database } from "@/lib/server/db/create-prisma-client";
import type { MoneyExample } from "./breakdown-examples";
import { getRisk, type RiskPositionView } from "./get-risk";

const FORMULAS: Record<GreekMetric, Formula> = {
  delta: DELTA_DOLLARS_FORMULA,
  theta: THETA_PER_DAY_FORMULA,
};

export type GreekBreakdownPage = {
  metric: GreekMetric;
  grouping: BreakdownGrouping;
  formula: Formula;
  breakdown: GreekBreakdown;
  /** One position's figure step by step, checked against the portfolio total; null without one. */
  example: MoneyExample | null;
  /** Open option positions (Greeks or not). */
  openPositions: number;
  /** Positions left out of the figure, with what the Risk page says about them (the reason). */
  leftOut: RiskPositionView[];
};

export type GetGreekBreakdownOptions = {
  robinhoodUserId: string;
  metric: GreekMetric;
  grouping: BreakdownGrouping;
  /** Today's New York trading date, as the Risk page takes it. */
  today: string;
  db?: Database;
};

/**
 * Delta dollars or theta per day broken down: the Risk page's own read (`getRisk`, same marks, same
 * quotes, same `lib/risk` rules), grouped. The totals row is therefore the Risk page's figure.
 */
export async function getGreekBreakdown(options: GetGreekBreakdownOptions): Promise<GreekBreakdownPage> {
  const { metric, grouping } = options;
  const risk = await getRisk({
    robinhoodUserId: options.robinhoodUserId,
    today: options.today,
    db: options.db,
  });
  const components = risk.positions.map(componentOf);
  const breakdown = greekBreakdown(metric, grouping, components);
  const chosen = greekExampleOf(metric, components);
  const position = chosen ? risk.positions.find((candidate) => candidate.id === chosen.id) : undefined;
  return {
    metric,
    grouping,
    formula: FORMULAS[metric],
    breakdown,
    example:
      chosen && position
        ? {
            ...explainGreekExposure({
              metric,
              example: chosen,
              components,
              portfolioTotal: risk.totals[GREEK_FIGURE[metric]].total,
            }),
            subject: {
              contract: position.contract,
              description: subjectOf(position),
              href: position.chainId ? `/chains/${position.chainId}` : null,
            },
          }
        : null,
    openPositions: risk.positions.length,
    leftOut: risk.positions.filter((candidate) => greekFigureOf(metric, candidate) === null),
  };
}

function componentOf(position: RiskPositionView): GreekComponent {
  return {
    id: position.id,
    underlying: position.contract.underlying,
    strategy: position.strategy,
    expiration: position.contract.expiration,
    multiplier: position.contract.multiplier,
    quantity: position.quantity,
    underlyingPrice: position.underlyingPrice,
    risk: position.risk,
  };
}

function subjectOf(position: RiskPositionView): string {
  const contracts = position.quantity.replace(/^-/, "");
  const side = position.side === "SHORT" ? "short" : "long";
  const price =
    position.underlyingPrice === null
      ? ""
      : `, ${position.contract.underlying} at ${position.underlyingPrice}`;
  const asOf = position.greeksAsOf ? `, Greeks as of ${position.greeksAsOf.slice(0, 10)}` : "";
  return `${contracts} ${side}${price}${asOf}`;
}
