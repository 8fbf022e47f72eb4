import Link from "next/link";
import {
  type BreakdownSettings,
  breakdownHref,
  EXPLAINED_METRIC_INFO,
  EXPLAINED_METRICS,
  type ExplainedMetric,
} from "@/lib/analytics/explain";

/**
 * The top of every breakdown page: its title, the other metrics (keeping the view's settings where
 * they apply) and the settings from the address that were not understood.
 */
export function BreakdownHeading({
  metric,
  settings,
  problems,
}: {
  metric: ExplainedMetric;
  settings: BreakdownSettings;
  problems: readonly string[];
}) {
  const info = EXPLAINED_METRIC_INFO[metric];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{info.title}, explained</h1>
          <p>
            Its formula, your own numbers in it, and every {info.component} grouped.{" "}
            <Link href="/explain">Does it all add up?</Link>
          </p>
        </div>
      </div>
      <nav className="segmented" aria-label="Metric">
        {EXPLAINED_METRICS.map((other) => (
          <Link
            key={other}
            href={breakdownHref(other, settings)}
            aria-current={other === metric ? "page" : undefined}
          >
            {EXPLAINED_METRIC_INFO[other].title}
          </Link>
        ))}
      </nav>

      {problems.length > 0 ? (
        <div className="alert error" role="alert">
          <p>Some settings in the address were not understood and were left out:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
