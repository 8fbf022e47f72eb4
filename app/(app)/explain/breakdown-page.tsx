import type { Metadata } from "next";
import { BreakdownControls } from "@/components/explain/breakdown-controls";
import { FormulaCard } from "@/components/explain/formula-card";
import { MoneyBreakdownTable } from "@/components/explain/money-breakdown-table";
import { PositionBreakdownTable } from "@/components/explain/position-breakdown-table";
import { WorkedExampleCard } from "@/components/explain/worked-example-card";
import {
  BREAKDOWN_GROUPING_NAMES,
  EXPLAINED_METRIC_INFO,
  type ExplainedMetric,
  groupingFor,
  isGreekMetric,
} from "@/lib/analytics/explain";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getBreakdown } from "@/lib/server/queries/get-breakdown";
import { BreakdownHeading } from "./breakdown-heading";
import { GreekBreakdownPage } from "./greek-breakdown-page";
import { parseBreakdownSearchParams } from "./search-params";

/** A metric's title for its page's metadata. */
export function breakdownMetadata(metric: ExplainedMetric): Metadata {
  return { title: `${EXPLAINED_METRIC_INFO[metric].title}, explained` };
}

export type BreakdownPageProps = { searchParams: Promise<Record<string, unknown>> };

/**
 * One metric's breakdown page. Each metric has its own route folder (`/explain/realized`, …) that
 * renders this, so an unknown metric matches no route and gets a real 404 from the router (a
 * `notFound()` thrown under the app's loading boundary would arrive after a 200 had been sent).
 */
export async function BreakdownPage({
  metric,
  searchParams,
}: BreakdownPageProps & { metric: ExplainedMetric }) {
  const user = await requireUser(`/explain/${metric}`);
  const query = parseBreakdownSearchParams(await searchParams);
  const info = EXPLAINED_METRIC_INFO[metric];
  const grouping = groupingFor(metric, query.by);
  if (isGreekMetric(metric)) {
    return (
      <GreekBreakdownPage
        metric={metric}
        grouping={grouping}
        problems={query.problems}
        robinhoodUserId={user.robinhoodUserId}
      />
    );
  }
  const page = await readForPage(() =>
    getBreakdown({
      robinhoodUserId: user.robinhoodUserId,
      metric,
      grouping,
      range: { from: query.from, to: query.to },
    }),
  );
  const settings = { by: grouping, from: page.range.from, to: page.range.to };
  const ranged = settings.from !== null || settings.to !== null;
  const groupHeader =
    grouping === "month" && info.monthBy
      ? `Month (${info.monthBy.replace("month ", "")})`
      : BREAKDOWN_GROUPING_NAMES[grouping];
  const caption = `${info.title} by ${BREAKDOWN_GROUPING_NAMES[grouping].toLowerCase()}`;

  return (
    <>
      <BreakdownHeading metric={metric} settings={settings} problems={query.problems} />
      <div className="grid-2">
        <FormulaCard formula={page.formula} />
        {page.kind === "money" ? (
          <WorkedExampleCard
            subject={page.example?.subject ?? null}
            steps={page.example?.steps ?? []}
            check={page.example ?? undefined}
            empty={`No ${info.component} to take an example from${ranged ? " in this range" : ""} yet.`}
          />
        ) : (
          <WorkedExampleCard
            subject={page.example.subject}
            steps={page.breakdown.total.closed === 0 ? [] : page.example.steps}
            empty={`No closed positions${ranged ? " in this range" : ""} yet.`}
          />
        )}
      </div>

      <section className="card flush" aria-labelledby="components-heading">
        <div className="card-header">
          <div>
            <h2 id="components-heading">{caption}</h2>
            <p>
              {ranged
                ? `By ${info.dateRangeBy}: ${settings.from ?? "the start"} to ${settings.to ?? "today"}.`
                : "All dates: the totals row is the figure on the dashboard."}
              {page.kind === "money" && page.unmarkedPositions > 0
                ? ` ${page.unmarkedPositions} open positions have no mark and are left out.`
                : ""}
              {page.kind === "positions" && page.openChains > 0
                ? ` ${page.openChains} open chains are not counted until they close.`
                : ""}
            </p>
          </div>
        </div>
        <BreakdownControls metric={metric} settings={settings} />
        {page.kind === "money" ? (
          <MoneyBreakdownTable
            breakdown={page.breakdown}
            groupHeader={groupHeader}
            componentName={info.component}
            caption={caption}
          />
        ) : (
          <PositionBreakdownTable
            breakdown={page.breakdown}
            metric={metric === "win-rate" ? "win-rate" : "premium-captured"}
            groupHeader={groupHeader}
            caption={caption}
          />
        )}
      </section>
    </>
  );
}
