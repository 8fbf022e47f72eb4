"use client";

import Link from "next/link";
import { tryParseDecimal } from "@/lib/money";
import type { UnderlyingRow } from "@/lib/server/queries/pnl-queries";
import { Money } from "../money";
import { SortableTable, type TableColumn } from "../tables/sortable-table";

const exact = (value: string) => tryParseDecimal(value);

function columns(totals: UnderlyingRow): TableColumn<UnderlyingRow>[] {
  return [
    {
      id: "underlying",
      header: "Underlying",
      rowHeader: true,
      sortValue: (row) => row.underlying,
      filterText: (row) => row.underlying,
      cell: (row) => (
        <Link href={`/chains?underlying=${encodeURIComponent(row.underlying)}`}>
          <strong>{row.underlying}</strong>
        </Link>
      ),
      footer: totals.underlying,
    },
    {
      id: "realized",
      header: "Realized",
      numeric: true,
      sortValue: (row) => exact(row.realized),
      cell: (row) => (
        <Link
          href={`/activity/lots?underlying=${encodeURIComponent(row.underlying)}`}
          title="The lots it is made of"
        >
          <Money value={row.realized} tone signed />
        </Link>
      ),
      footer: (
        <Link href="/activity/lots" title="The lots it is made of">
          <Money value={totals.realized} tone signed />
        </Link>
      ),
    },
    {
      id: "unrealized",
      header: "Unrealized",
      numeric: true,
      sortValue: (row) => exact(row.unrealized),
      cell: (row) => (
        <>
          <Money value={row.unrealized} tone signed />
          {row.unmarkedPositions > 0 ? (
            <span className="faint" title={`${row.unmarkedPositions} positions without a mark`}>
              {" "}
              *
            </span>
          ) : null}
        </>
      ),
      footer: <Money value={totals.unrealized} tone signed />,
    },
    {
      id: "fees",
      header: "Fees",
      numeric: true,
      sortValue: (row) => exact(row.fees),
      cell: (row) => <Money value={row.fees} />,
      footer: <Money value={totals.fees} />,
    },
    {
      id: "open",
      header: "Open",
      numeric: true,
      sortValue: (row) => row.openPositions,
      cell: (row) => row.openPositions,
      footer: totals.openPositions,
    },
  ];
}

/** Realized, unrealized and fees per underlying: sortable by any column, filterable by symbol, with totals. */
export function UnderlyingTable({ rows, totals }: { rows: UnderlyingRow[]; totals: UnderlyingRow }) {
  return (
    <SortableTable
      rows={rows}
      columns={columns(totals)}
      rowKey={(row) => row.underlying}
      caption="P&L by underlying"
      filterable={rows.length > 5}
    />
  );
}
