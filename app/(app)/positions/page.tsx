import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { OpenPositionsTable } from "@/components/positions/open-positions-table";
import { StockTable } from "@/components/stock/stock-table";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getPositionsPage } from "@/lib/server/queries/get-positions-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Positions" };

export default async function PositionsPage() {
  const user = await requireUser("/positions");
  const positions = await readForPage(() =>
    getPositionsPage({ robinhoodUserId: user.robinhoodUserId, today: tradingDateOf(new Date()) }),
  );

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Positions</h1>
          <p>Open option contracts and shares at their latest marks.</p>
        </div>
      </div>
      <section className="card flush">
        <div className="card-header">
          <h2>Open options</h2>
          <p>
            {positions.options.length} positions ·{" "}
            <a href="/api/export/positions" download>
              Export CSV
            </a>
          </p>
        </div>
        {positions.options.length > 0 ? (
          <OpenPositionsTable positions={positions.options} totals={positions.totals} />
        ) : (
          <EmptyState title="No open option positions">
            <p>Sync from the dashboard to bring in your latest positions.</p>
          </EmptyState>
        )}
      </section>
      <section className="card flush">
        <div className="card-header">
          <h2>Stock</h2>
          <p>Shares bought, sold, assigned and exercised; kept apart from option P&amp;L</p>
        </div>
        {positions.stock.length > 0 ? (
          <StockTable rows={positions.stock} />
        ) : (
          <EmptyState title="No stock trades, assignments or exercises" />
        )}
      </section>
    </>
  );
}
