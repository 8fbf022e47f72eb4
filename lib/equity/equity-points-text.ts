import type { EquityPoint } from "./assemble-equity-curve";

/**
 * The chart's points as one compact string for the trip from server to browser: a line per day,
 * `date,realized,unrealized,equity` with an empty field for a missing figure. The RSC payload would
 * otherwise repeat four property names per day; the figures travel as the same exact decimal strings.
 */
export function equityPointsText(points: EquityPoint[]): string {
  return points
    .map((point) => `${point.date},${point.realized},${point.unrealized ?? ""},${point.equity ?? ""}`)
    .join("\n");
}

/** The points back from `equityPointsText`. */
export function parseEquityPointsText(text: string): EquityPoint[] {
  if (text === "") return [];
  return text.split("\n").map((line) => {
    const [date = "", realized = "", unrealized = "", equity = ""] = line.split(",");
    return { date, realized, unrealized: unrealized || null, equity: equity || null };
  });
}
