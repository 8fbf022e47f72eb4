import type { Metadata } from "next";
import { RecomputeFacts, SyncFacts } from "@/components/dashboard/status-panel";
import { SyncControls } from "@/components/dashboard/sync-controls";
import { UnderlyingTable } from "@/components/dashboard/underlying-table";
import { EmptyState } from "@/components/empty-state";
import { Money } from "@/components/money";
import { PnlChart } from "@/components/pnl-chart";
import { Stat } from "@/components/stat";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getDashboard } from "@/lib/server/queries/get-dashboard";
import { recomputeNowAction, syncNowAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const dashboard = await readForPage(() => getDashboard({ robinhoodUserId: user.robinhoodUserId }));
  const { totals, series, underlyings } = dashboard;
  const empty = totals.chains === 0 && series.length === 0;

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
        <Stat label="Realized P&L" note="Options, net of fees">
          <Money value={totals.realized} tone />
        </Stat>
        <Stat
          label="Unrealized P&L"
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
        <Stat label="Fees paid" note="Contract and regulatory fees">
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
              <h2>Realized P&amp;L over time</h2>
              <p>Cumulative, by trading day</p>
            </div>
            {series.length > 0 ? (
              <PnlChart points={series} />
            ) : (
              <EmptyState title={empty ? "No chains yet — sync or import" : "Nothing realized yet"}>
                <p>
                  {empty
                    ? "Sync your Robinhood history, or import a Robinhood CSV on the Import page, to see your roll chains and P&L here."
                    : "Closed positions will draw the curve."}
                </p>
              </EmptyState>
            )}
          </section>
          {underlyings.length > 0 ? (
            <section className="card flush">
              <div className="card-header">
                <h2>By underlying</h2>
                <p>{underlyings.length} symbols</p>
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
