/**
 * The headline figures that have a breakdown page (`/explain/<metric>`), and how each may be grouped.
 * A grouping is offered only where every component carries the key exactly: fills are not linked to
 * chains in the stored data, so fees and cash flows cannot be split by strategy, and an open position
 * has no close month. Delta dollars and theta per day are the Risk page's portfolio figures: "now",
 * over open option positions.
 */
export const EXPLAINED_METRICS = [
  "realized",
  "unrealized",
  "fees",
  "cash-flows",
  "win-rate",
  "premium-captured",
  "delta",
  "theta",
] as const;
export type ExplainedMetric = (typeof EXPLAINED_METRICS)[number];

/** The portfolio Greeks explained from the Risk page's figures (lib/risk), not from P&L rows. */
export const GREEK_METRICS = ["delta", "theta"] as const satisfies readonly ExplainedMetric[];
export type GreekMetric = (typeof GREEK_METRICS)[number];

export function isGreekMetric(metric: ExplainedMetric): metric is GreekMetric {
  return (GREEK_METRICS as readonly ExplainedMetric[]).includes(metric);
}

export const BREAKDOWN_GROUPINGS = ["underlying", "strategy", "expiration", "month"] as const;
export type BreakdownGrouping = (typeof BREAKDOWN_GROUPINGS)[number];

export type ExplainedMetricInfo = {
  title: string;
  /** What one component of the figure is: a closed lot, an open position, a fill, a closed chain. */
  component: string;
  groupings: readonly BreakdownGrouping[];
  /** What a date range filters by; null when the figure is "now" (unrealized) and takes no range. */
  dateRangeBy: string | null;
  /** What "month" groups by, for metrics that offer it. */
  monthBy: string | null;
};

export const EXPLAINED_METRIC_INFO: Record<ExplainedMetric, ExplainedMetricInfo> = {
  realized: {
    title: "Realized P&L",
    component: "closed lot",
    groupings: ["underlying", "strategy", "expiration", "month"],
    dateRangeBy: "the day the lot closed",
    monthBy: "month the lot closed",
  },
  unrealized: {
    title: "Unrealized P&L",
    component: "open position",
    groupings: ["underlying", "strategy", "expiration"],
    dateRangeBy: null,
    monthBy: null,
  },
  fees: {
    title: "Fees paid",
    component: "fill",
    groupings: ["underlying", "expiration", "month"],
    dateRangeBy: "the fill's trade date",
    monthBy: "month of the fill",
  },
  "cash-flows": {
    title: "Cash flows",
    component: "fill",
    groupings: ["underlying", "expiration", "month"],
    dateRangeBy: "the fill's trade date",
    monthBy: "month of the fill",
  },
  "win-rate": {
    title: "Win rate",
    component: "closed position",
    groupings: ["underlying", "strategy", "expiration", "month"],
    dateRangeBy: "the day the position closed",
    monthBy: "month the position closed",
  },
  "premium-captured": {
    title: "Premium captured",
    component: "closed credit position",
    groupings: ["underlying", "strategy", "expiration", "month"],
    dateRangeBy: "the day the position closed",
    monthBy: "month the position closed",
  },
  delta: {
    title: "Delta dollars",
    component: "open option position",
    groupings: ["underlying", "strategy", "expiration"],
    dateRangeBy: null,
    monthBy: null,
  },
  theta: {
    title: "Theta per day",
    component: "open option position",
    groupings: ["underlying", "strategy", "expiration"],
    dateRangeBy: null,
    monthBy: null,
  },
};

export const BREAKDOWN_GROUPING_NAMES: Record<BreakdownGrouping, string> = {
  underlying: "Underlying",
  strategy: "Strategy",
  expiration: "Expiration",
  month: "Month",
};

/** The grouping a metric shows when the URL names none, or one the metric does not offer. */
export function groupingFor(
  metric: ExplainedMetric,
  requested: BreakdownGrouping | undefined,
): BreakdownGrouping {
  const { groupings } = EXPLAINED_METRIC_INFO[metric];
  return requested !== undefined && groupings.includes(requested)
    ? requested
    : (groupings[0] ?? "underlying");
}

/** A breakdown view's settings, as its URL carries them. */
export type BreakdownSettings = { by: BreakdownGrouping; from: string | null; to: string | null };

/** `/explain/realized?by=month&from=2025-01-01&to=2025-12-31`: the shareable address of a view. */
export function breakdownHref(metric: ExplainedMetric, settings: Partial<BreakdownSettings>): string {
  const params = new URLSearchParams();
  const by = groupingFor(metric, settings.by);
  params.set("by", by);
  if (EXPLAINED_METRIC_INFO[metric].dateRangeBy !== null) {
    if (settings.from) params.set("from", settings.from);
    if (settings.to) params.set("to", settings.to);
  }
  return `/explain/${metric}?${params.toString()}`;
}
