import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { StockTable } from "@/components/stock/stock-table";
import { WheelCycleTable } from "@/components/wheel/wheel-cycle-table";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getWheel } from "@/lib/server/queries/get-wheel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Wheel" };

export default async function WheelPage() {
  const user = await requireUser("/wheel");
  const wheel = await readForPage(() => getWheel({ robinhoodUserId: user.robinhoodUserId }));
  const open = wheel.cycles.filter((cycle) => cycle.status === "open").length;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Wheel</h1>
          <p>
            Cash-secured puts, assignment, shares, covered calls and called away: each cycle runs from its
            first short put or share purchase until no shares or short options of the underlying are left.
          </p>
        </div>
      </div>
      <section className="card flush">
        <div className="card-header">
          <h2>Cycles</h2>
          <p>
            {wheel.cycles.length} cycles, {open} open
          </p>
        </div>
        {wheel.cycles.length > 0 ? (
          <WheelCycleTable cycles={wheel.cycles} />
        ) : (
          <EmptyState title="No wheel cycles yet">
            <p>
              A cycle starts with a short put or a share purchase. Sync or import your history to see them.
            </p>
          </EmptyState>
        )}
      </section>
      <section className="card flush">
        <div className="card-header">
          <h2>Shares held</h2>
          <p>At the latest quotes; option premium is counted in the cycles above, not in the cost basis</p>
        </div>
        {wheel.holdings.length > 0 ? (
          <StockTable rows={wheel.holdings} />
        ) : (
          <EmptyState title="No shares held" />
        )}
      </section>
    </>
  );
}
