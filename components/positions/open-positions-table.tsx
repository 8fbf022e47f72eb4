"use client";

import Link from "next/link";
import { displayDecimal, displayMoney } from "@/lib/money";
import type { PositionTotals, PositionView } from "@/lib/server/queries/get-positions-page";
import type { PositionSort, PositionSortColumn } from "@/lib/server/queries/position-sorts";
import { SideLabel } from "../badges";
import { StrategyBadge } from "../chains/strategy-badge";
import { ContractLabel } from "../contract";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";
import { listSortHref } from "../tables/list-sort-href";
import { scrollRegion } from "../tables/scroll-region";
import { SortHeader } from "../tables/sort-header";

function dteText(days: number): string {
  if (days < 0) return "expired";
  return days === 0 ? "today" : `${days} d`;
}

const NAME_COLUMNS: PositionSortColumn[] = ["contract", "side", "strategy"];

export type OpenPositionsTableProps = {
  /** The page's rows, already sorted and paged in SQL. */
  positions: PositionView[];
  /** Over every position the filter matches, not only this page. */
  totals: PositionTotals;
  sort: PositionSort | null;
  /** The list's filter: each header links to the list with it, sorted by its column (in SQL). */
  sortQuery: Record<string, string | undefined>;
};

/**
 * Open option positions, one page: headers sort the whole list through the URL (in SQL), and the
 * totals row sums every matching position.
 */
export function OpenPositionsTable({ positions, totals, sort, sortQuery }: OpenPositionsTableProps) {
  const sortHref = listSortHref<PositionSortColumn>("/positions", sortQuery);
  const header = (column: PositionSortColumn, label: string, numeric = false) => (
    <SortHeader
      column={column}
      label={label}
      numeric={numeric}
      sort={sort}
      sortHref={sortHref}
      firstDescending={!NAME_COLUMNS.includes(column)}
    />
  );
  return (
    <div className="table-wrap sticky-head" {...scrollRegion("Open option positions")}>
      <table>
        <caption className="visually-hidden">Open option positions</caption>
        <thead>
          <tr>
            {header("contract", "Contract")}
            {header("side", "Side")}
            {header("quantity", "Qty", true)}
            {header("dte", "DTE", true)}
            <th scope="col" className="num">
              Stock price
            </th>
            {header("average-price", "Avg price", true)}
            {header("mark", "Mark", true)}
            <th scope="col" className="num">
              Max profit captured
            </th>
            {header("market-value", "Market value", true)}
            {header("unrealized", "Unrealized", true)}
            {header("strategy", "Strategy")}
            <th scope="col">Chain</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <ContractLabel contract={row.contract} />
              </th>
              <td>
                <SideLabel side={row.side} optionType={row.contract.optionType} />
              </td>
              <td className="num">
                <Link href={`/activity?contract=${row.instrumentId}`} title="The fills of this contract">
                  {displayDecimal(row.quantity.replace(/^-/, ""))}
                </Link>
              </td>
              <td className="num">
                <span title={`Expires ${formatTradeDate(row.contract.expiration)}`}>
                  {dteText(row.daysToExpiration)}
                </span>
              </td>
              <td className="num">
                {row.underlyingPrice === null ? (
                  <span className="faint" title="No quote for this symbol yet">
                    —
                  </span>
                ) : (
                  displayMoney(row.underlyingPrice)
                )}
              </td>
              <td className="num">{displayMoney(row.averagePrice)}</td>
              <td className="num">
                {row.mark === null ? <span className="badge warn">No mark</span> : displayMoney(row.mark)}
              </td>
              <td className="num">
                {row.maxProfitCaptured === null ? (
                  <span className="faint" title="For short options with a mark">
                    —
                  </span>
                ) : (
                  `${row.maxProfitCaptured}\u00a0%`
                )}
              </td>
              <td className="num">
                <Money value={row.marketValue} />
              </td>
              <td className="num">
                <Money value={row.unrealized} tone signed />
              </td>
              <td>
                <StrategyBadge strategy={row.strategy} />
              </td>
              <td>
                {row.chainId ? (
                  <Link
                    href={`/chains/${row.chainId}`}
                    aria-label={`View chain of ${row.contract.underlying}`}
                  >
                    View chain
                  </Link>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total ({totals.positions} positions)</th>
            <td colSpan={7} />
            <td className="num">
              <Money value={totals.marketValue} />
            </td>
            <td className="num">
              <Money value={totals.unrealized} tone signed />
              {totals.unmarked > 0 ? (
                <span className="faint"> ({totals.unmarked} without a mark)</span>
              ) : null}
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
