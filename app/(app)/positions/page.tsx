import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { formatDecimal, signOfDecimal } from "@/components/format/decimal";
import { Money } from "@/components/money";
import { PositionTable } from "@/components/positions/position-table";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getPositions } from "@/lib/server/dashboard/get-positions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Positions" };

export default async function PositionsPage() {
  const user = await requireUser("/positions");
  const positions = await readForPage(() => getPositions({ robinhoodUserId: user.robinhoodUserId }));

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Positions</h1>
          <p>Open option contracts at their latest marks, and stock from assignments and exercises.</p>
        </div>
      </div>
      <section className="card flush">
        <div className="card-header">
          <h2>Open options</h2>
          <p>{positions.options.length} positions</p>
        </div>
        {positions.options.length > 0 ? (
          <PositionTable positions={positions.options} />
        ) : (
          <EmptyState title="No open option positions">
            <p>Sync from the dashboard to bring in your latest positions.</p>
          </EmptyState>
        )}
      </section>
      <section className="card flush">
        <div className="card-header">
          <h2>Stock from assignments and exercises</h2>
          <p>Kept apart from option P&amp;L</p>
        </div>
        {positions.stock.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Symbol</th>
                  <th className="num">Shares</th>
                  <th className="num">Avg price</th>
                  <th className="num">Realized</th>
                </tr>
              </thead>
              <tbody>
                {positions.stock.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <strong>{row.symbol}</strong>
                    </td>
                    <td className="num">
                      {signOfDecimal(row.quantity) === "zero" ? (
                        <span className="badge">Closed</span>
                      ) : (
                        formatDecimal(row.quantity)
                      )}
                    </td>
                    <td className="num">
                      {signOfDecimal(row.quantity) === "zero" ? (
                        <span className="faint">—</span>
                      ) : (
                        formatDecimal(row.averagePrice, { minDigits: 2 })
                      )}
                    </td>
                    <td className="num">
                      <Money value={row.realized} tone />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title="No stock from assignments or exercises" />
        )}
      </section>
    </>
  );
}
