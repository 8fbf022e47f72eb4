import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FigureLotsTable } from "@/components/activity/figure-lots-table";
import { UnreadableFilters } from "@/components/activity/unreadable-filters";
import { EmptyState } from "@/components/empty-state";
import { formatTradeDate } from "@/components/format/dates";
import { Money } from "@/components/money";
import { Pagination } from "@/components/pagination";
import { GROUPING_NAMES, groupLabel } from "@/lib/analytics";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { listFigureLots } from "@/lib/server/queries/activity/list-figure-lots";
import { describeSearchParamsError, type LotSearchParams, lotSearchParams } from "../search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Lots" };

/** What the figure is, in words: "AAPL, closed on Nov 20, 2026". */
function figureTitle(params: LotSearchParams): string {
  const parts: string[] = [];
  if (params.underlying) parts.push(params.underlying);
  if (params.chain) parts.push("one roll chain");
  if (params.contract) parts.push("one contract");
  if (params.by && params.group)
    parts.push(`${GROUPING_NAMES[params.by]} ${groupLabel(params.by, params.group)} (closed positions)`);
  if (params.day) parts.push(`closed on ${formatTradeDate(params.day)}`);
  if (params.from) parts.push(`closed from ${formatTradeDate(params.from)}`);
  if (params.to) parts.push(`closed until ${formatTradeDate(params.to)}`);
  return parts.length > 0 ? parts.join(", ") : "All realized option P&L";
}

export default async function LotsPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const user = await requireUser("/activity/lots");
  const parsed = lotSearchParams.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <UnreadableFilters
        title="Lots"
        reason={describeSearchParamsError(parsed.error)}
        resetHref="/activity/lots"
        resetLabel="Show every lot"
      />
    );
  }
  const params = parsed.data;
  const lots = await readForPage(() =>
    listFigureLots({
      robinhoodUserId: user.robinhoodUserId,
      filters: {
        underlying: params.underlying,
        chain: params.chain,
        day: params.day,
        from: params.from,
        to: params.to,
        contract: params.contract,
        statistics: params.by && params.group ? { by: params.by, group: params.group } : undefined,
      },
      page: params.page,
    }),
  );
  if (!lots) notFound();
  const title = figureTitle(params);
  const { page: _page, ...query } = params;

  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link href="/activity">← Activity</Link>
            {params.chain ? (
              <>
                {" · "}
                <Link href={`/chains/${params.chain}`}>The chain</Link>
              </>
            ) : null}
          </p>
          <h1>Lots: {title}</h1>
          <p>
            The closed lots this figure is made of: each opening fill matched first-in first-out to the fill
            or event that closed it, fees included. Realized <Money value={lots.realized} tone signed /> over{" "}
            {lots.count} lots.
          </p>
        </div>
      </div>
      <section className="card flush">
        {lots.count > 0 ? (
          <>
            <FigureLotsTable
              lots={lots.lots}
              totals={{ count: lots.count, fees: lots.fees, realized: lots.realized }}
              caption={`Lots: ${title}`}
            />
            <Pagination
              path="/activity/lots"
              page={lots.page}
              pageCount={lots.pageCount}
              query={Object.fromEntries(
                Object.entries(query).map(([key, value]) => [key, value?.toString()]),
              )}
            />
          </>
        ) : (
          <EmptyState title="No closed lots make up this figure">
            <Link href="/activity">See the activity</Link>
          </EmptyState>
        )}
      </section>
    </>
  );
}
