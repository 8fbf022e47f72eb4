import type { Metadata } from "next";
import Link from "next/link";
import { ActivityTable, type ActivityTableSort } from "@/components/activity/activity-table";
import { UnreadableFilters } from "@/components/activity/unreadable-filters";
import { brokerStrategyText } from "@/components/chains/strategy-badge";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/forms/filter-select";
import { Pagination } from "@/components/pagination";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { ACTIVITY_TYPES } from "@/lib/server/queries/activity/activity-sql";
import { listActivity } from "@/lib/server/queries/activity/list-activity";
import { activitySearchParams, describeSearchParamsError } from "./search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Activity" };

const TYPE_NAMES = {
  order: "Orders and fills",
  expiration: "Expirations",
  assignment: "Assignments",
  exercise: "Exercises",
  stock: "Share trades",
} as const;

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const user = await requireUser("/activity");
  const parsed = activitySearchParams.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <UnreadableFilters
        title="Activity"
        reason={describeSearchParamsError(parsed.error)}
        resetHref="/activity"
        resetLabel="Show all activity"
      />
    );
  }
  const params = parsed.data;
  const sort: ActivityTableSort = {
    column: params.sort ?? "date",
    descending: (params.dir ?? "desc") === "desc",
  };
  const filters = {
    underlying: params.underlying,
    type: params.type,
    strategy: params.strategy,
    contract: params.contract,
    from: params.from,
    to: params.to,
    search: params.q,
  };
  // The same filters as the link's search parameters, where the search is `q`.
  const { search: q, ...named } = filters;
  const query: Record<string, string | undefined> = { ...named, q };
  const href = (path: string, extra: Record<string, string | undefined>) => {
    const search = new URLSearchParams(
      Object.entries({ ...query, ...extra }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "",
      ),
    ).toString();
    return search ? `${path}?${search}` : path;
  };
  const list = await readForPage(() =>
    listActivity({ robinhoodUserId: user.robinhoodUserId, filters, sort, page: params.page }),
  );
  const filtered = Object.values(query).some((value) => value !== undefined);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Activity</h1>
          <p>
            Every option order with its fills, every expiration, assignment and exercise, and every share
            trade, newest first. Cash is positive for money received, fees included.
          </p>
        </div>
      </div>
      <section className="card flush">
        <form className="filters" method="get" aria-label="Filter activity">
          <div className="field">
            <label htmlFor="q">Search</label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={params.q ?? ""}
              placeholder="Symbol, order id…"
            />
          </div>
          <FilterSelect
            name="underlying"
            label="Underlying"
            value={params.underlying}
            options={list.underlyings.map((symbol) => ({ value: symbol, label: symbol }))}
          />
          <FilterSelect
            name="type"
            label="Type"
            value={params.type}
            options={ACTIVITY_TYPES.map((type) => ({ value: type, label: TYPE_NAMES[type] }))}
          />
          <FilterSelect
            name="strategy"
            label="Strategy"
            value={params.strategy}
            options={list.strategies.map((strategy) => ({
              value: strategy,
              label: brokerStrategyText(strategy),
            }))}
          />
          <div className="field">
            <label htmlFor="from">From</label>
            <input id="from" name="from" type="date" defaultValue={params.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="to">To</label>
            <input id="to" name="to" type="date" defaultValue={params.to ?? ""} />
          </div>
          {params.contract ? <input type="hidden" name="contract" value={params.contract} /> : null}
          {params.sort ? <input type="hidden" name="sort" value={params.sort} /> : null}
          {params.dir ? <input type="hidden" name="dir" value={params.dir} /> : null}
          <button type="submit" className="button">
            Filter
          </button>
          {filtered ? (
            <Link href="/activity" className="button link">
              Clear
            </Link>
          ) : null}
          <a className="button link" href={href("/api/export/activity", {})} download>
            Export CSV
          </a>
          <p className="filters-count" data-testid="activity-count">
            {list.matching} {list.matching === 1 ? "row" : "rows"}
          </p>
        </form>
        {list.rows.length > 0 ? (
          <>
            <ActivityTable
              rows={list.rows}
              sort={sort}
              sortQuery={query}
              netAmount={list.netAmount}
              matching={list.matching}
            />
            <Pagination
              path="/activity"
              page={list.page}
              pageCount={list.pageCount}
              query={{ ...query, sort: params.sort, dir: params.dir }}
            />
          </>
        ) : (
          <EmptyState title={filtered ? "Nothing matches these filters" : "No activity yet — sync or import"}>
            <Link href={filtered ? "/activity" : "/dashboard"}>
              {filtered ? "Show all activity" : "Go to the dashboard"}
            </Link>
          </EmptyState>
        )}
      </section>
    </>
  );
}
