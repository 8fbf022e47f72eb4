"use client";

import Link from "next/link";
import { displayDecimal, displayMoney, tryParseDecimal } from "@/lib/money";
import { STRATEGY_NAMES } from "@/lib/pnl";
import type { PositionTotals, PositionView } from "@/lib/server/queries/get-positions-page";
import { SideLabel } from "../badges";
import { StrategyBadge } from "../chains/strategy-badge";
import { ContractLabel } from "../contract";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";
import { SortableTable, type TableColumn } from "../tables/sortable-table";

const exact = (value: string | null) => (value === null ? null : tryParseDecimal(value));

function dteText(days: number): string {
  if (days < 0) return "expired";
  return days === 0 ? "today" : `${days} d`;
}

function columns(totals: PositionTotals): TableColumn<PositionView>[] {
  return [
    {
      id: "contract",
      header: "Contract",
      rowHeader: true,
      sortValue: (row) =>
        `${row.contract.underlying} ${row.contract.expiration} ${row.contract.strike.padStart(12, "0")}`,
      filterText: (row) =>
        `${row.contract.underlying} ${row.contract.optionType} ${row.strategy ? STRATEGY_NAMES[row.strategy] : ""}`,
      cell: (row) => <ContractLabel contract={row.contract} />,
      footer: `Total (${totals.positions} positions)`,
    },
    {
      id: "side",
      header: "Side",
      sortValue: (row) => `${row.side} ${row.contract.optionType}`,
      filterText: (row) => `${row.side} ${row.contract.optionType}`,
      cell: (row) => <SideLabel side={row.side} optionType={row.contract.optionType} />,
    },
    {
      id: "quantity",
      header: "Qty",
      numeric: true,
      sortValue: (row) => exact(row.quantity.replace(/^-/, "")),
      cell: (row) => displayDecimal(row.quantity.replace(/^-/, "")),
    },
    {
      id: "dte",
      header: "DTE",
      numeric: true,
      sortValue: (row) => row.daysToExpiration,
      cell: (row) => (
        <span title={`Expires ${formatTradeDate(row.contract.expiration)}`}>
          {dteText(row.daysToExpiration)}
        </span>
      ),
    },
    {
      id: "underlyingPrice",
      header: "Stock price",
      numeric: true,
      sortValue: (row) => exact(row.underlyingPrice),
      cell: (row) =>
        row.underlyingPrice === null ? (
          <span className="faint" title="No quote for this symbol yet">
            —
          </span>
        ) : (
          displayMoney(row.underlyingPrice)
        ),
    },
    {
      id: "averagePrice",
      header: "Avg price",
      numeric: true,
      sortValue: (row) => exact(row.averagePrice),
      cell: (row) => displayMoney(row.averagePrice),
    },
    {
      id: "mark",
      header: "Mark",
      numeric: true,
      sortValue: (row) => exact(row.mark),
      cell: (row) =>
        row.mark === null ? <span className="badge warn">No mark</span> : displayMoney(row.mark),
    },
    {
      id: "captured",
      header: "Max profit captured",
      numeric: true,
      sortValue: (row) => exact(row.maxProfitCaptured),
      cell: (row) =>
        row.maxProfitCaptured === null ? (
          <span className="faint" title="For short options with a mark">
            —
          </span>
        ) : (
          `${row.maxProfitCaptured}\u00a0%`
        ),
    },
    {
      id: "marketValue",
      header: "Market value",
      numeric: true,
      sortValue: (row) => exact(row.marketValue),
      cell: (row) => <Money value={row.marketValue} />,
      footer: <Money value={totals.marketValue} />,
    },
    {
      id: "unrealized",
      header: "Unrealized",
      numeric: true,
      sortValue: (row) => exact(row.unrealized),
      cell: (row) => <Money value={row.unrealized} tone signed />,
      footer: (
        <>
          <Money value={totals.unrealized} tone signed />
          {totals.unmarked > 0 ? <span className="faint"> ({totals.unmarked} without a mark)</span> : null}
        </>
      ),
    },
    {
      id: "strategy",
      header: "Strategy",
      sortValue: (row) => (row.strategy ? STRATEGY_NAMES[row.strategy] : null),
      cell: (row) => <StrategyBadge strategy={row.strategy} />,
    },
    {
      id: "chain",
      header: "Chain",
      sortValue: (row) => row.chainId,
      cell: (row) =>
        row.chainId ? (
          <Link href={`/chains/${row.chainId}`} aria-label={`View chain of ${row.contract.underlying}`}>
            View chain
          </Link>
        ) : (
          "—"
        ),
    },
  ];
}

/** Open option positions: sortable by any column, filterable by symbol, side or strategy, with totals. */
export function OpenPositionsTable({
  positions,
  totals,
}: {
  positions: PositionView[];
  totals: PositionTotals;
}) {
  return (
    <SortableTable
      rows={positions}
      columns={columns(totals)}
      rowKey={(row) => row.id}
      caption="Open option positions"
      filterable
    />
  );
}
