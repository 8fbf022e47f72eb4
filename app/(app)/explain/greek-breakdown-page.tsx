import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { BreakdownControls } from "@/components/explain/breakdown-controls";
import { FormulaCard } from "@/components/explain/formula-card";
import { LeftOutPositions } from "@/components/explain/left-out-positions";
import { MoneyBreakdownTable } from "@/components/explain/money-breakdown-table";
import { WorkedExampleCard } from "@/components/explain/worked-example-card";
import {
  BREAKDOWN_GROUPING_NAMES,
  type BreakdownGrouping,
  EXPLAINED_METRIC_INFO,
  type GreekMetric,
} from "@/lib/analytics/explain";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { readForPage } from "@/lib/server/auth/require-user";
import { getGreekBreakdown } from "@/lib/server/queries/get-greek-breakdown";
import { BreakdownHeading } from "./breakdown-heading";

/**
 * Delta dollars or theta per day, explained: the Risk page's positions and rules (lib/risk), grouped.
 * The figure is "now", so the view takes a grouping and no date range.
 */
export async function GreekBreakdownPage({
  metric,
  grouping,
  problems,
  robinhoodUserId,
}: {
  metric: GreekMetric;
  grouping: BreakdownGrouping;
  problems: readonly string[];
  robinhoodUserId: string;
}) {
  const info = EXPLAINED_METRIC_INFO[metric];
  const page = await readForPage(() =>
    getGreekBreakdown({ robinhoodUserId, metric, grouping, today: tradingDateOf(new Date()) }),
  );
  const settings = { by: grouping, from: null, to: null };
  const caption = `${info.title} by ${BREAKDOWN_GROUPING_NAMES[grouping].toLowerCase()}`;
  const left = page.breakdown.missing;

  return (
    <>
      <BreakdownHeading metric={metric} settings={settings} problems={problems} />
      <div className="grid-2">
        <FormulaCard formula={page.formula} />
        <WorkedExampleCard
          subject={page.example?.subject ?? null}
          steps={page.example?.steps ?? []}
          check={
            page.example ? { ...page.example, storedLabel: "the Risk page's portfolio figure" } : undefined
          }
          empty={
            page.openPositions === 0
              ? "No open option positions to take an example from."
              : `None of your ${page.openPositions} open option positions has ${metric === "delta" ? "Greeks and a quote" : "Greeks"} yet: sync from the dashboard to fetch its market data.`
          }
        />
      </div>

      <section className="card flush" aria-labelledby="components-heading">
        <div className="card-header">
          <div>
            <h2 id="components-heading">{caption}</h2>
            <p>
              Open option positions now: the totals row is the portfolio figure on the{" "}
              <Link href="/risk">Risk page</Link>.
              {left > 0 ? ` ${left} of ${page.openPositions} positions are left out (listed below).` : ""}
            </p>
          </div>
        </div>
        <BreakdownControls metric={metric} settings={settings} />
        {page.openPositions === 0 ? (
          <EmptyState title="No open option positions">
            <p>Sync from the dashboard to bring in your latest positions and their market data.</p>
          </EmptyState>
        ) : (
          <MoneyBreakdownTable
            breakdown={page.breakdown}
            groupHeader={BREAKDOWN_GROUPING_NAMES[grouping]}
            componentName={info.component}
            caption={caption}
            tone={metric === "theta"}
          />
        )}
      </section>
      <LeftOutPositions metric={metric} positions={page.leftOut} />
    </>
  );
}
