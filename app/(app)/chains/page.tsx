import type { Metadata } from "next";
import Link from "next/link";
import { ChainTable } from "@/components/chains/chain-table";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/forms/filter-select";
import { Pagination } from "@/components/pagination";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { STRATEGY_NAMES } from "@/lib/pnl";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import type { ChainSort } from "@/lib/server/queries/list-chains";
import { listChainsPage } from "@/lib/server/queries/list-chains-page";
import { CHAIN_STATUS_FILTERS, CHAIN_STATUSES, chainSearchParams } from "./search-params";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Roll chains" };

export default async function ChainsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const user = await requireUser("/chains");
  const filters = chainSearchParams.parse(await searchParams);
  const sort: ChainSort | undefined = filters.sort
    ? { column: filters.sort, descending: (filters.dir ?? "desc") === "desc" }
    : undefined;
  const query = { underlying: filters.underlying, status: filters.status, strategy: filters.strategy };
  const href = (extra: Record<string, string | undefined>) =>
    `/chains?${new URLSearchParams(
      Object.entries({ ...query, ...extra }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    )}`;
  const list = await readForPage(() =>
    listChainsPage({
      robinhoodUserId: user.robinhoodUserId,
      today: tradingDateOf(new Date()),
      sort,
      filters: {
        underlying: filters.underlying,
        status: filters.status ? CHAIN_STATUS_FILTERS[filters.status] : undefined,
        strategy: filters.strategy,
      },
      page: filters.page,
    }),
  );
  const { chains, underlyings, strategies, total } = list;
  const filtered = Boolean(filters.underlying || filters.status || filters.strategy);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Roll chains</h1>
          <p>
            Each chain follows one position — a single option or a spread opened together — from its first
            open through every roll to its close.
          </p>
        </div>
      </div>
      {total === 0 ? (
        <section className="card">
          <EmptyState title="No chains yet — sync or import">
            <p>Sync your Robinhood history from the dashboard, or import a CSV, to see your roll chains.</p>
            <div className="row">
              <Link className="button primary" href="/dashboard">
                Go to the dashboard
              </Link>
              <Link className="button" href="/imports">
                Import a CSV
              </Link>
            </div>
          </EmptyState>
        </section>
      ) : (
        <section className="card flush">
          <form className="filters" method="get">
            <FilterSelect
              name="underlying"
              label="Underlying"
              value={filters.underlying}
              options={underlyings.map((symbol) => ({ value: symbol, label: symbol }))}
            />
            <FilterSelect
              name="status"
              label="Status"
              value={filters.status}
              options={CHAIN_STATUSES.map((status) => ({
                value: status,
                label: `${status[0]?.toUpperCase()}${status.slice(1)}`,
              }))}
            />
            <FilterSelect
              name="strategy"
              label="Strategy"
              value={filters.strategy}
              options={strategies.map((strategy) => ({ value: strategy, label: STRATEGY_NAMES[strategy] }))}
            />
            {filters.sort ? <input type="hidden" name="sort" value={filters.sort} /> : null}
            {filters.dir ? <input type="hidden" name="dir" value={filters.dir} /> : null}
            <button type="submit" className="button">
              Filter
            </button>
            {filtered ? (
              <Link href="/chains" className="button link">
                Clear
              </Link>
            ) : null}
            <a className="button link" href={href({}).replace("/chains?", "/api/export/chains?")} download>
              Export CSV
            </a>
            <p className="filters-count">
              {list.matching === total ? `${total} chains` : `${list.matching} of ${total} chains`}
            </p>
          </form>
          {chains.length > 0 ? (
            <>
              <ChainTable chains={chains} sort={sort ?? null} sortQuery={query} />
              <Pagination
                path="/chains"
                page={list.page}
                pageCount={list.pageCount}
                query={{ ...query, sort: filters.sort, dir: filters.dir }}
              />
            </>
          ) : (
            <EmptyState title="No chains match these filters">
              <Link href="/chains">Show all chains</Link>
            </EmptyState>
          )}
        </section>
      )}
    </>
  );
}
