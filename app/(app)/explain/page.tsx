import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { NetPremiumHeatMap } from "@/components/explain/net-premium-heat-map";
import { ReconciliationCard } from "@/components/explain/reconciliation-card";
import { breakdownHref, EXPLAINED_METRIC_INFO, EXPLAINED_METRICS } from "@/lib/analytics/explain";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getExplainOverview } from "@/lib/server/queries/get-explain-overview";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Explain the numbers" };

export default async function ExplainPage() {
  const user = await requireUser("/explain");
  const overview = await readForPage(() => getExplainOverview({ robinhoodUserId: user.robinhoodUserId }));

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Explain the numbers</h1>
          <p>How each headline figure is computed from your trades, and proof that they add up.</p>
        </div>
      </div>

      <section className="card stack" aria-labelledby="metrics-heading">
        <h2 id="metrics-heading">Breakdowns</h2>
        <ul className="explain-metrics">
          {EXPLAINED_METRICS.map((metric) => (
            <li key={metric}>
              <Link href={breakdownHref(metric, {})}>
                <strong>{EXPLAINED_METRIC_INFO[metric].title}</strong>
                <span className="muted">
                  Formula, a worked example, every {EXPLAINED_METRIC_INFO[metric].component} grouped
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <ReconciliationCard
        reconciliation={overview.reconciliation}
        unmarkedPositions={overview.unmarkedPositions}
      />

      <section className="card flush" aria-labelledby="heat-map-heading">
        <div className="card-header">
          <div>
            <h2 id="heat-map-heading">Net premium by underlying and strategy</h2>
            <p>
              Credits received minus debits paid over every chain, rolls and fees included. Darker is larger;
              each cell says credit or debit.
            </p>
          </div>
        </div>
        {overview.netPremium.rows.length > 0 ? (
          <NetPremiumHeatMap grid={overview.netPremium} />
        ) : (
          <EmptyState title="No chains yet — sync or import">
            <p>Net premium appears here once you have option trades.</p>
          </EmptyState>
        )}
      </section>
    </>
  );
}
