import type { TableColumn } from "./sortable-table";

/** Which column a sortable table is sorted by, and which way; null is the rows' own order. */
export type Sorting = { id: string; desc: boolean } | null;

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}

/**
 * The sorting after a click on a column's header: figures sort from the largest first, text from A;
 * a second click reverses it, a third gives the rows' own order back.
 */
export function nextSorting<T>(current: Sorting, column: TableColumn<T>, rows: T[]): Sorting {
  const sample = rows.map((row) => column.sortValue(row)).find((value) => value !== null);
  const firstDescending = typeof sample === "number";
  if (current?.id !== column.id) return { id: column.id, desc: firstDescending };
  return current.desc === firstDescending ? { id: column.id, desc: !firstDescending } : null;
}

/**
 * The rows a sortable table shows: those whose searchable columns contain the filter text (case
 * insensitive), sorted by the chosen column. Values without one (null: no mark) sort last whichever
 * way; ties keep the rows' own order.
 */
export function sortAndFilterRows<T>(
  rows: T[],
  columns: TableColumn<T>[],
  sorting: Sorting,
  filter: string,
): T[] {
  const query = filter.trim().toLowerCase();
  const searched = columns.filter((column) => column.filterText !== undefined);
  const matching =
    query === ""
      ? rows
      : rows.filter((row) =>
          searched.some((column) => column.filterText?.(row).toLowerCase().includes(query)),
        );
  const column = sorting ? columns.find((candidate) => candidate.id === sorting.id) : undefined;
  if (!column || !sorting) return matching;
  const direction = sorting.desc ? -1 : 1;
  return [...matching].sort((rowA, rowB) => {
    const a = column.sortValue(rowA);
    const b = column.sortValue(rowB);
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    return compareValues(a, b) * direction;
  });
}
