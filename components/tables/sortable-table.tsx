"use client";

import { type ReactNode, useId, useMemo, useState } from "react";
import { scrollRegion } from "./scroll-region";
import { nextSorting, type Sorting, sortAndFilterRows } from "./sort-rows";

/**
 * One column of a sortable table. Columns hold functions, so each table that uses this component is a
 * client component defining its columns; the rows it receives are plain data from the server.
 */
export type TableColumn<T> = {
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

export type SortableTableProps<T> = {
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

/**
 * A table whose column headers sort it and whose rows a text box filters, with a sticky header. Its
 * rows are tens (per underlying, per statistic): sorted and filtered here, in the browser and in the
 * server render, with a plain sort (a table library's model cost more than the rows themselves).
 */
export function SortableTable<T>(props: SortableTableProps<T>) {
  const { rows, columns, rowKey, caption, filterable = false, initialSort } = props;
  const [sorting, setSorting] = useState<Sorting>(initialSort ?? null);
  const [globalFilter, setGlobalFilter] = useState("");
  const filterId = useId();

  const visible = useMemo(
    () => sortAndFilterRows(rows, columns, sorting, globalFilter),
    [rows, columns, sorting, globalFilter],
  );
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
            <tr>
              {columns.map((column) => {
                const sorted = sorting?.id === column.id ? (sorting.desc ? "desc" : "asc") : false;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    className={column.numeric ? "num" : undefined}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => setSorting((current) => nextSorting(current, column, rows))}
                    >
                      {column.header}
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.id} scope="row" className={column.numeric ? "num" : undefined}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.id} className={column.numeric ? "num" : undefined}>
                      {column.cell(row)}
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
