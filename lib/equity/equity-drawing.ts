import type { EquityPoint } from "./assemble-equity-curve";
import { equityPointsText } from "./equity-points-text";
import { thinEquityCurve } from "./thin-equity-curve";

/**
 * What the dashboard chart needs from a curve, prepared once per curve (its read is cached per data
 * version) instead of on every render: the points a chart can draw as compact text, and the days the
 * chart's text summary names (for screen readers, and the only part rendered on the server).
 */
export type EquityDrawing = {
  /** The thinned points (`thinEquityCurve`) as `equityPointsText`. */
  pointsText: string;
  first: EquityPoint;
  last: EquityPoint;
  /** The last day with stored marks; null when no equity curve can be drawn. */
  lastEquity: EquityPoint | null;
};

/** The drawing of a curve; null for an empty curve (nothing to draw). */
export function equityDrawing(points: EquityPoint[]): EquityDrawing | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  return {
    pointsText: equityPointsText(thinEquityCurve(points)),
    first,
    last,
    lastEquity: points.findLast((point) => point.equity !== null) ?? null,
  };
}
