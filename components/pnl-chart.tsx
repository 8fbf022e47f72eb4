import { decimalToNumberForDrawing, displayMoney, displayMoneyFromDrawing, signOfDecimal } from "@/lib/money";
import { formatShortDate, formatTradeDate } from "./format/dates";

export type ChartPoint = { date: string; cumulative: string };

const WIDTH = 760;
const HEIGHT = 260;
const PAD = { top: 16, right: 20, bottom: 30, left: 72 };
const DAY_MS = 86_400_000;

/**
 * Cumulative realized P&L as a step line over an area, drawn as plain SVG. Values become numbers
 * here only to place pixels; every figure printed comes from the exact decimal strings.
 */
export function PnlChart({ points }: { points: ChartPoint[] }) {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;

  const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const start = time(first.date) - DAY_MS;
  const end = Math.max(time(last.date), start + DAY_MS);
  const values = points.map((point) => decimalToNumberForDrawing(point.cumulative));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const low = ticks[0] ?? 0;
  const high = ticks.at(-1) ?? 1;

  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (ms: number) => PAD.left + ((ms - start) / (end - start)) * innerWidth;
  const y = (value: number) => PAD.top + (1 - (value - low) / (high - low)) * innerHeight;

  // Step after: the running total holds until the next day with realized P&L.
  let line = `M${x(start).toFixed(1)},${y(0).toFixed(1)}`;
  points.forEach((point, index) => {
    line += ` H${x(time(point.date)).toFixed(1)} V${y(values[index] ?? 0).toFixed(1)}`;
  });
  const area = `${line} H${x(end).toFixed(1)} V${y(0).toFixed(1)} Z`;
  const tone = signOfDecimal(last.cumulative) === "negative" ? "var(--loss)" : "var(--gain)";
  const middle = points[Math.floor(points.length / 2)];
  const xLabels = [first, middle, last].filter(
    (point, index, all): point is ChartPoint => point !== undefined && all.indexOf(point) === index,
  );
  const summary = `Cumulative realized P&L from ${formatTradeDate(first.date)} to ${formatTradeDate(last.date)}: ${displayMoney(last.cumulative)}`;

  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
      <title>{summary}</title>
      <defs>
        <linearGradient id="pnl-area" x1="0" x2="0" y1="0" y2="1">
          <stop offset="0%" stopColor={tone} stopOpacity="0.22" />
          <stop offset="100%" stopColor={tone} stopOpacity="0.02" />
        </linearGradient>
      </defs>
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="grid-line" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
          <text x={PAD.left - 10} y={y(tick) + 4} textAnchor="end">
            {tickLabel(tick)}
          </text>
        </g>
      ))}
      <line className="zero-line" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
      <path d={area} fill="url(#pnl-area)" />
      <path d={line} fill="none" stroke={tone} strokeWidth="2" strokeLinejoin="round" />
      {points.map((point, index) => (
        <circle key={point.date} cx={x(time(point.date))} cy={y(values[index] ?? 0)} r="5" fill="transparent">
          <title>{`${formatTradeDate(point.date)}: ${displayMoney(point.cumulative)}`}</title>
        </circle>
      ))}
      {xLabels.map((point, index) => (
        <text
          key={point.date}
          x={x(time(point.date))}
          y={HEIGHT - 8}
          textAnchor={index === 0 ? "start" : index === xLabels.length - 1 ? "end" : "middle"}
        >
          {formatShortDate(point.date)}
        </text>
      ))}
    </svg>
  );
}

/** Four to six round gridline values spanning [low, high], zero included. */
function niceTicks(low: number, high: number): number[] {
  const span = high - low || 1;
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = Math.floor(low / step) * step; tick < high + step; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
    if (tick >= high) break;
  }
  return ticks;
}

/** Axis labels are scale positions, not amounts of any record: rounded for reading. */
function tickLabel(value: number): string {
  const digits = Number.isInteger(value) ? 0 : 2;
  return displayMoneyFromDrawing(value, digits);
}
