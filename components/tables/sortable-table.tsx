"use client";

import {
  type ColumnDef,
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  type Row,
  type RowData,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { type ReactNode, useId, useMemo, useState } from "react";
import { scrollRegion } from "./scroll-region";

/**
 * One column of a sortable table. Columns hold functions, so each table that uses this component is a
 * client component defining its columns; the rows it receives are plain data from the server.
 */
export type TableColumn<T extends RowData> = {
  id: string;
  header: string;
  /** Right-aligned figures. */
  numeric?: boolean;
  /**
   * What the column sorts by: exact micros for money (never a float of a decimal), a count, or text.
   * Null (no value, e.g. no mark) sorts last in both directions.
   */
  sortValue: (row: T) => number | string | null;
  /** Text the filter box matches; columns without it are not searched. */
  filterText?: (row: T) => string;
  cell: (row: T) => ReactNode;
  /** The totals row's cell for this column. */
  footer?: ReactNode;
  /** A row header (`<th scope="row">`) rather than a data cell: the column that names the row. */
  rowHeader?: boolean;
};

export type SortableTableProps<T extends RowData> = {
  rows: T[];
  columns: TableColumn<T>[];
  rowKey: (row: T) => string;
  /** Names the table for screen readers (and the filter box). */
  caption: string;
  /** Show the filter box. */
  filterable?: boolean;
  initialSort?: { id: string; desc: boolean };
  /** A totals row is drawn when any column has a footer. */
  footerLabel?: string;
};

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
});

type Features = typeof features;

function compareValues(a: number | string | null, b: number | string | null): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}

/** A table whose column headers sort it and whose rows a text box filters, with a sticky header. */
export function SortableTable<T extends RowData>(props: SortableTableProps<T>) {
  const { rows, columns, rowKey, caption, filterable = false, initialSort } = props;
  const [sorting, setSorting] = useState<SortingState>(initialSort ? [initialSort] : []);
  const [globalFilter, setGlobalFilter] = useState("");
  const filterId = useId();

  const columnDefs = useMemo<ColumnDef<Features, T>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: column.header,
        accessorFn: (row: T) => column.sortValue(row),
        // Nulls last whichever way the column is sorted: flip their order when descending.
        sortFn: (rowA: Row<Features, T>, rowB: Row<Features, T>) => {
          const a = column.sortValue(rowA.original);
          const b = column.sortValue(rowB.original);
          if (a === null || b === null) {
            if (a === b) return 0;
            const descending = sorting[0]?.desc === true;
            return (a === null ? 1 : -1) * (descending ? -1 : 1);
          }
          return compareValues(a, b);
        },
        enableGlobalFilter: column.filterText !== undefined,
      })),
    [columns, sorting],
  );

  const table = useTable({
    features,
    columns: columnDefs,
    data: rows,
    getRowId: (row: T) => rowKey(row),
    state: { sorting, globalFilter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: (row: Row<Features, T>, columnId: string, value: unknown) => {
      const column = columns.find((candidate) => candidate.id === columnId);
      const query = String(value ?? "")
        .trim()
        .toLowerCase();
      if (!column?.filterText || query === "") return query === "";
      return column.filterText(row.original).toLowerCase().includes(query);
    },
    getColumnCanGlobalFilter: () => true,
  });

  const visible = table.getRowModel().rows;
  const hasFooter = columns.some((column) => column.footer !== undefined);

  return (
    <div className="sortable-table">
      {filterable ? (
        <div className="table-tools">
          <div className="field">
            <label htmlFor={filterId}>Filter</label>
            <input
              id={filterId}
              type="search"
              value={globalFilter}
              placeholder="Symbol, strategy, status…"
              onChange={(event) => setGlobalFilter(event.target.value)}
              aria-describedby={`${filterId}-count`}
            />
          </div>
          <p id={`${filterId}-count`} className="filters-count" aria-live="polite">
            {visible.length === rows.length
              ? `${rows.length} rows`
              : `${visible.length} of ${rows.length} rows`}
          </p>
        </div>
      ) : null}
      <div className="table-wrap sticky-head" {...scrollRegion(caption)}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = columns.find((candidate) => candidate.id === header.column.id);
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={column?.numeric ? "num" : undefined}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                    >
                      <button
                        type="button"
                        className="sort-button"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {column?.header}
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.id}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.id} scope="row" className={column.numeric ? "num" : undefined}>
                      {column.cell(row.original)}
                    </th>
                  ) : (
                    <td key={column.id} className={column.numeric ? "num" : undefined}>
                      {column.cell(row.original)}
                    </td>
                  ),
                )}
              </tr>
            ))}
            {visible.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="muted">
                  No rows match “{globalFilter}”.
                </td>
              </tr>
            ) : null}
          </tbody>
          {hasFooter ? (
            <tfoot>
              <tr>
                {columns.map((column, index) =>
                  index === 0 ? (
                    <th key={column.id} scope="row">
                      {column.footer ?? props.footerLabel ?? "Total"}
                    </th>
                  ) : (
                    <td key={column.id} className={column.numeric ? "num" : undefined}>
                      {column.footer ?? null}
                    </td>
                  ),
                )}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </div>
  );
}
