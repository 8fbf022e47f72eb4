import type { Metadata } from "next";
import Link from "next/link";
import { RangeSelector } from "@/components/dashboard/range-selector";
import { RecomputeFacts, SyncFacts } from "@/components/dashboard/status-panel";
import { SyncControls } from "@/components/dashboard/sync-controls";
import { UnderlyingTable } from "@/components/dashboard/underlying-table";
import { EmptyState } from "@/components/empty-state";
import { Money } from "@/components/money";
import { PnlChart } from "@/components/pnl-chart";
import { Stat } from "@/components/stat";
import { chartRangeSearchParams } from "@/lib/equity/chart-range";
import { readForPage, requirePageSession } from "@/lib/server/auth/require-user";
import { getDashboard } from "@/lib/server/queries/get-dashboard";
import { getEquitySeries } from "@/lib/server/queries/get-equity-series";
import { recomputeNowAction, syncNowAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const { user, frame } = await requirePageSession("/dashboard");
  const { range = "ALL" } = chartRangeSearchParams.parse(await searchParams);
  const dashboard = await readForPage(() =>
    getDashboard({ robinhoodUserId: user.robinhoodUserId, freshness: frame.freshness }),
  );
  const chart = await readForPage(() => getEquitySeries({ robinhoodUserId: user.robinhoodUserId, range }));
  const { totals, series, underlyings } = dashboard;
  const empty = totals.chains === 0 && series.length === 0 && chart.markedDays === 0;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p>
            {totals.chains} roll chains, {totals.openChains} open. Fees are included in the P&amp;L figures.
          </p>
        </div>
      </div>

      <section className="stats five" aria-label="Totals">
        <Stat label="Realized P&L" note="Options, net of fees" labelHref="/explain/realized">
          <Link
            href="/activity/lots"
            title="The lots and fills this figure is made of"
            data-testid="realized-total"
          >
            <Money value={totals.realized} tone />
          </Link>
        </Stat>
        <Stat
          label="Unrealized P&L"
          labelHref="/explain/unrealized"
          note={
            totals.unmarkedPositions > 0
              ? `${totals.unmarkedPositions} positions have no mark`
              : "Options at the latest marks"
          }
        >
          <Money value={totals.unrealized} tone />
        </Stat>
        <Stat
          label="Stock P&L"
          note={
            <>
              Unrealized <Money value={totals.stockUnrealized} tone />
              {totals.unmarkedStockPositions > 0 ? `, ${totals.unmarkedStockPositions} without a quote` : ""}
            </>
          }
        >
          <span title="Realized on shares sold or called away">
            <Money value={totals.stockRealized} tone />
          </span>
        </Stat>
        <Stat label="Fees paid" note="Contract and regulatory fees" labelHref="/explain/fees">
          <Money value={totals.fees} />
        </Stat>
        <Stat label="Open positions" note={`${totals.openChains} open chains`}>
          <span className="num">{totals.openPositions}</span>
        </Stat>
      </section>

      <div className="grid-2">
        <div className="stack">
          <section className="card">
            <div className="card-header">
              <div>
                <h2>P&amp;L over time</h2>
                <p>
                  Options realized, cumulative by trading day, and equity: realized plus the unrealized
                  P&amp;L of open contracts and shares at each day&apos;s stored marks
                </p>
              </div>
              <RangeSelector range={range} />
            </div>
            {chart.drawing ? (
              <PnlChart drawing={chart.drawing} />
            ) : (
              <EmptyState
                title={
                  empty
                    ? "No chains yet — sync or import"
                    : series.length > 0
                      ? "Nothing in this range"
                      : "Nothing realized yet"
                }
              >
                <p>
                  {empty
                    ? "Sync your Robinhood history, or import a Robinhood CSV on the Import page, to see your roll chains and P&L here."
                    : "Closed positions and each day's marks will draw the curves."}
                </p>
              </EmptyState>
            )}
          </section>
          {underlyings.length > 0 ? (
            <section className="card flush">
              <div className="card-header">
                <h2>By underlying</h2>
                <p>
                  {underlyings.length} symbols ·{" "}
                  <a href="/api/export/underlyings" download>
                    Export CSV
                  </a>
                </p>
              </div>
              <UnderlyingTable
                rows={underlyings}
                totals={{
                  underlying: "Total",
                  realized: totals.realized,
                  unrealized: totals.unrealized,
                  fees: totals.fees,
                  openPositions: totals.openPositions,
                  unmarkedPositions: totals.unmarkedPositions,
                }}
              />
            </section>
          ) : null}
        </div>
        <div className="stack">
          <section className="card stack">
            <h2>Sync</h2>
            <SyncFacts sync={dashboard.sync} />
            <SyncControls sync={syncNowAction} recompute={recomputeNowAction} />
            <Link href="/runs" className="muted">
              Every sync, import and recompute →
            </Link>
          </section>
          <section className="card stack">
            <h2>Last recompute</h2>
            <RecomputeFacts run={dashboard.lastRecompute} />
          </section>
        </div>
      </div>
    </>
  );
}
