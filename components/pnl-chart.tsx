"use client";

import { useEffect, useMemo, useState } from "react";
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { SHORT_MONTH_NAMES } from "@/lib/dates/month-names";
import type { EquityPoint } from "@/lib/equity/assemble-equity-curve";
import type { EquityDrawing } from "@/lib/equity/equity-drawing";
import { parseEquityPointsText } from "@/lib/equity/equity-points-text";
import { decimalToNumberForDrawing, displayAxisMoney, displayMoney } from "@/lib/money";
import { formatTradeDate } from "./format/dates";

/** A point as drawn: numbers for pixel positions only, the exact strings for every figure shown. */
type DrawnPoint = EquityPoint & { time: number; realizedY: number; equityY: number | null };

const REALIZED_COLOR = "var(--accent)";
const EQUITY_COLOR = "var(--gain)";

/**
 * Cumulative realized P&L (a step line: it holds until the next day something closes) and the equity
 * curve, realized + unrealized at each day's stored marks (days without stored marks are skipped and
 * the line joins the days around them). Tooltips print the exact decimal strings.
 *
 * The server renders the legend and the text summary only: the lines are drawn after hydration
 * (the page's Content-Security-Policy refuses inline style attributes in server HTML, while styles
 * React sets on nodes it creates in the browser are allowed), so the points are parsed there too.
 */
export function PnlChart({ drawing }: { drawing: EquityDrawing }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const { first, last, lastEquity } = drawing;
  const summary =
    `Cumulative realized P&L from ${formatTradeDate(first.date)} to ${formatTradeDate(last.date)}: ` +
    `${displayMoney(last.realized)}` +
    (lastEquity?.equity
      ? `; equity (realized + unrealized) on ${formatTradeDate(lastEquity.date)}: ${displayMoney(lastEquity.equity)}`
      : "");
  const hasEquity = lastEquity !== null;

  return (
    <div className="pnl-chart">
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="swatch realized" /> Realized
        </li>
        {hasEquity ? (
          <li>
            <span className="swatch equity" /> Equity (realized + unrealized)
          </li>
        ) : null}
      </ul>
      <div role="img" aria-label={summary} className="chart-frame">
        {mounted ? <ChartLines pointsText={drawing.pointsText} hasEquity={hasEquity} /> : null}
      </div>
    </div>
  );
}

/** The drawn lines, from the points' compact text (lib/equity/equity-points-text.ts). */
function ChartLines({ pointsText, hasEquity }: { pointsText: string; hasEquity: boolean }) {
  const data = useMemo(
    (): DrawnPoint[] =>
      parseEquityPointsText(pointsText).map((point) => ({
        ...point,
        time: Date.parse(`${point.date}T00:00:00Z`),
        realizedY: decimalToNumberForDrawing(point.realized),
        equityY: point.equity === null ? null : decimalToNumberForDrawing(point.equity),
      })),
    [pointsText],
  );
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 640, height: 260 }}>
      <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={["dataMin", "dataMax"]}
          tickFormatter={shortDate}
          minTickGap={28}
          tick={{ fontSize: 12, fill: "var(--muted)" }}
          tickLine={false}
        />
        <YAxis
          tickFormatter={displayAxisMoney}
          width={56}
          tick={{ fontSize: 12, fill: "var(--muted)" }}
          tickLine={false}
          axisLine={false}
        />
        <ReferenceLine y={0} stroke="var(--muted)" strokeDasharray="3 3" />
        <Tooltip content={EquityTooltip} />
        <Line
          name="Realized"
          dataKey="realizedY"
          type="stepAfter"
          stroke={REALIZED_COLOR}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        {hasEquity ? (
          <Line
            name="Equity"
            dataKey="equityY"
            type="linear"
            stroke={EQUITY_COLOR}
            strokeWidth={2}
            dot={{ r: 2 }}
            connectNulls
            isAnimationActive={false}
          />
        ) : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

function EquityTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
}) {
  const point = payload?.[0]?.payload as DrawnPoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatTradeDate(point.date)}</strong>
      <dl>
        <dt>Realized</dt>
        <dd className="num">{displayMoney(point.realized)}</dd>
        {point.unrealized !== null ? (
          <>
            <dt>Unrealized</dt>
            <dd className="num">{displayMoney(point.unrealized)}</dd>
          </>
        ) : null}
        {point.equity !== null ? (
          <>
            <dt>Equity</dt>
            <dd className="num">{displayMoney(point.equity)}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** Axis labels: "Nov 20", or "Jan '26" on the first of a year's labels. Never a figure of a record. */
function shortDate(time: number): string {
  const date = new Date(time);
  const month = SHORT_MONTH_NAMES[date.getUTCMonth()] ?? "";
  return date.getUTCMonth() === 0 && date.getUTCDate() <= 7
    ? `${month} '${String(date.getUTCFullYear()).slice(2)}`
    : `${month} ${date.getUTCDate()}`;
}
