import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { formatShortDate } from "@/components/format/dates";
import { PortfolioGreeksStats } from "@/components/risk/portfolio-greeks-stats";
import { RiskSection } from "@/components/risk/risk-section";
import { RiskTable } from "@/components/risk/risk-table";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { ASSIGNMENT_RISK_MAX_DAYS } from "@/lib/risk";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getRisk } from "@/lib/server/queries/get-risk";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Risk" };

export default async function RiskPage() {
  const user = await requireUser("/risk");
  const risk = await readForPage(() =>
    getRisk({ robinhoodUserId: user.robinhoodUserId, today: tradingDateOf(new Date()) }),
  );

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Risk</h1>
          <p>
            Open options with the Greeks of their latest marks, the distance to each strike and the
            portfolio's Greeks in dollars.
          </p>
        </div>
      </div>
      {risk.positions.length === 0 ? (
        <EmptyState title="No open option positions">
          <p>Sync from the dashboard to bring in your latest positions and their market data.</p>
        </EmptyState>
      ) : (
        <>
          <PortfolioGreeksStats totals={risk.totals} />
          <RiskSection
            title="Assignment risk"
            summary={
              <>
                Short options in the money with {ASSIGNMENT_RISK_MAX_DAYS} days or fewer to expiration:{" "}
                {risk.assignmentRisks.length}
              </>
            }
            positions={risk.assignmentRisks}
            label="Positions at risk of assignment"
            empty="No short option is in the money near expiry"
          />
          <RiskSection
            title="Expiring this week"
            summary={
              <>
                Through {formatShortDate(risk.weekEnd)}: {risk.expiringThisWeek.length}
              </>
            }
            positions={risk.expiringThisWeek}
            label="Positions expiring this week"
            empty="Nothing expires this week"
          />
          <section className="card flush">
            <div className="card-header">
              <h2>All open options</h2>
              <p>{risk.positions.length} positions · Greeks per share, dollars for the whole position</p>
            </div>
            <RiskTable positions={risk.positions} label="Open option positions with their Greeks" />
          </section>
        </>
      )}
    </>
  );
}
