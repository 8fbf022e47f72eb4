import Link from "next/link";
import {
  BREAKDOWN_GROUPING_NAMES,
  type BreakdownSettings,
  breakdownHref,
  EXPLAINED_METRIC_INFO,
  type ExplainedMetric,
} from "@/lib/analytics/explain";

/**
 * The view's settings, every one in the address so a view can be shared: the grouping as links, the
 * date range as a plain GET form (no script needed), which keeps the grouping in a hidden field.
 */
export function BreakdownControls({
  metric,
  settings,
}: {
  metric: ExplainedMetric;
  settings: BreakdownSettings;
}) {
  const info = EXPLAINED_METRIC_INFO[metric];
  return (
    <div className="breakdown-controls">
      <nav className="segmented" aria-label="Group components by">
        {info.groupings.map((grouping) => (
          <Link
            key={grouping}
            href={breakdownHref(metric, { ...settings, by: grouping })}
            aria-current={grouping === settings.by ? "page" : undefined}
          >
            {BREAKDOWN_GROUPING_NAMES[grouping]}
          </Link>
        ))}
      </nav>
      {info.dateRangeBy !== null ? (
        <form method="get" action={`/explain/${metric}`} className="range-form" aria-label="Date range">
          <input type="hidden" name="by" value={settings.by} />
          <div className="field">
            <label htmlFor="range-from">From</label>
            <input id="range-from" name="from" type="date" defaultValue={settings.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="range-to">To</label>
            <input id="range-to" name="to" type="date" defaultValue={settings.to ?? ""} />
          </div>
          <button type="submit" className="button">
            Apply
          </button>
          {settings.from || settings.to ? (
            <Link href={breakdownHref(metric, { by: settings.by })}>All dates</Link>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
