import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { OpenPositionsTable } from "@/components/positions/open-positions-table";
import { StockTable } from "@/components/stock/stock-table";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getPositionsPage } from "@/lib/server/queries/get-positions-page";
import type { PositionSort } from "@/lib/server/queries/position-sorts";
import { positionSearchParams } from "./search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Positions" };

export default async function PositionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const user = await requireUser("/positions");
  const params = positionSearchParams.parse(await searchParams);
  const sort: PositionSort | null = params.sort
    ? { column: params.sort, descending: (params.dir ?? "desc") === "desc" }
    : null;
  const search = params.q || undefined;
  const positions = await readForPage(() =>
    getPositionsPage({
      robinhoodUserId: user.robinhoodUserId,
      today: tradingDateOf(new Date()),
      page: params.page,
      sort: sort ?? undefined,
      search,
    }),
  );
  const query = { q: search, sort: params.sort, dir: params.dir };
  const matching = positions.totals.positions;

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
            {positions.total} positions ·{" "}
            <a href="/api/export/positions" download>
              Export CSV
            </a>
          </p>
        </div>
        {positions.total > 0 ? (
          <>
            <form className="filters" method="get" action="/positions">
              <div className="field">
                <label htmlFor="positions-filter">Filter</label>
                <input
                  id="positions-filter"
                  name="q"
                  type="search"
                  defaultValue={search ?? ""}
                  placeholder="Symbol, call/put, long/short, strategy…"
                  aria-describedby="positions-count"
                />
              </div>
              {params.sort ? <input type="hidden" name="sort" value={params.sort} /> : null}
              {params.dir ? <input type="hidden" name="dir" value={params.dir} /> : null}
              <button type="submit" className="button">
                Filter
              </button>
              {search ? (
                <Link href="/positions" className="button link">
                  Clear
                </Link>
              ) : null}
              <p id="positions-count" className="filters-count">
                {matching === positions.total
                  ? `${positions.total} positions`
                  : `${matching} of ${positions.total} positions`}
              </p>
            </form>
            {positions.options.length > 0 ? (
              <>
                <OpenPositionsTable
                  positions={positions.options}
                  totals={positions.totals}
                  sort={sort}
                  sortQuery={{ q: search }}
                />
                <Pagination
                  path="/positions"
                  page={positions.page}
                  pageCount={positions.pageCount}
                  query={query}
                  labels={{ previous: "← Previous", next: "Next →" }}
                />
              </>
            ) : (
              <EmptyState title={`No open positions match “${search ?? ""}”`}>
                <Link href="/positions">Show all positions</Link>
              </EmptyState>
            )}
          </>
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
