"use client";

import Link from "next/link";
import type { StatisticsGroupView, StatisticsView } from "@/lib/analytics";
import { tryParseDecimal } from "@/lib/money";
import { Money } from "../money";
import { SortableTable, type TableColumn } from "../tables/sortable-table";

/** Sorts an exact decimal string by its micros (exact), a missing figure last. */
function exact(value: string | null): number | null {
  return value === null ? null : tryParseDecimal(value);
}

function Figure({ value, unit }: { value: string | null; unit?: string }) {
  if (value === null) {
    return (
      <span className="faint" title="Nothing to divide by">
        —
      </span>
    );
  }
  return (
    <span className="num">
      {value}
      {unit ? `\u00a0${unit}` : ""}
    </span>
  );
}

function columns(
  groupHeader: string,
  overall: StatisticsView,
  grouping?: string,
): TableColumn<StatisticsGroupView>[] {
  const of = (pick: (statistics: StatisticsView) => string | null) => (row: StatisticsGroupView) =>
    pick(row.statistics);
  const money = (id: string, header: string, pick: (statistics: StatisticsView) => string | null) => ({
    id,
    header,
    numeric: true,
    sortValue: (row: StatisticsGroupView) => exact(of(pick)(row)),
    cell: (row: StatisticsGroupView) => <Money value={of(pick)(row)} tone />,
    footer: <Money value={pick(overall)} tone />,
  });
  const figure = (
    id: string,
    header: string,
    pick: (statistics: StatisticsView) => string | null,
    unit?: string,
  ) => ({
    id,
    header,
    numeric: true,
    sortValue: (row: StatisticsGroupView) => exact(of(pick)(row)),
    cell: (row: StatisticsGroupView) => <Figure value={of(pick)(row)} unit={unit} />,
    footer: <Figure value={pick(overall)} unit={unit} />,
  });
  return [
    {
      id: "group",
      header: groupHeader,
      rowHeader: true,
      sortValue: (row) => row.key,
      filterText: (row) => `${row.label} ${row.key}`,
      cell: (row) => row.label,
      footer: "All closed positions",
    },
    {
      id: "closed",
      header: "Positions",
      numeric: true,
      sortValue: (row) => row.statistics.closed,
      cell: (row) => row.statistics.closed,
      footer: overall.closed,
    },
    figure("winRate", "Win rate", (s) => s.winRate, "%"),
    {
      id: "record",
      header: "Won / lost / even",
      numeric: true,
      sortValue: (row) => row.statistics.wins,
      cell: (row) => `${row.statistics.wins} / ${row.statistics.losses} / ${row.statistics.breakEvens}`,
      footer: `${overall.wins} / ${overall.losses} / ${overall.breakEvens}`,
    },
    {
      ...money("realized", "Realized", (s) => s.realized),
      // A group's realized links to the lots of its closed chains (`/activity/lots?by=&group=`).
      cell: (row: StatisticsGroupView) =>
        grouping ? (
          <Link
            href={`/activity/lots?by=${grouping}&group=${encodeURIComponent(row.key)}`}
            title="The lots it is made of"
          >
            <Money value={row.statistics.realized} tone />
          </Link>
        ) : (
          <Money value={row.statistics.realized} tone />
        ),
    },
    money("averageWin", "Average win", (s) => s.averageWin),
    money("averageLoss", "Average loss", (s) => s.averageLoss),
    figure("profitFactor", "Profit factor", (s) => s.profitFactor),
    money("expectancy", "Expectancy", (s) => s.expectancy),
    money("largestWin", "Largest win", (s) => s.largestWin),
    money("largestLoss", "Largest loss", (s) => s.largestLoss),
    figure("averageDaysHeld", "Average days held", (s) => s.averageDaysHeld),
    figure("premiumCaptured", "Premium captured", (s) => s.premiumCaptured, "%"),
  ];
}

export type StatisticsTableProps = {
  groups: StatisticsGroupView[];
  overall: StatisticsView;
  groupHeader: string;
  /** The Statistics page's `by`: each group's realized then links to its lots. */
  grouping?: string;
};

/** Statistics per group, sortable by any figure and filterable by group name, with the overall row. */
export function StatisticsTable({ groups, overall, groupHeader, grouping }: StatisticsTableProps) {
  return (
    <SortableTable
      rows={groups}
      columns={columns(groupHeader, overall, grouping)}
      rowKey={(row) => row.key}
      caption={`Statistics by ${groupHeader.toLowerCase()}`}
      filterable
    />
  );
}
