import Link from "next/link";
import { CHART_RANGES, type ChartRange } from "@/lib/equity/chart-range";

const LABELS: Record<ChartRange, string> = { "1M": "1M", "3M": "3M", YTD: "YTD", "1Y": "1Y", ALL: "All" };

/** The chart's range as links (`?range=3M`), so it is kept in the URL, shareable and back-buttonable. */
export function RangeSelector({ range }: { range: ChartRange }) {
  return (
    <nav className="range-selector" aria-label="Chart range">
      {CHART_RANGES.map((option) => (
        <Link
          key={option}
          href={option === "ALL" ? "/dashboard" : `/dashboard?range=${option}`}
          aria-current={option === range ? "true" : undefined}
          scroll={false}
        >
          {LABELS[option]}
        </Link>
      ))}
    </nav>
  );
}
