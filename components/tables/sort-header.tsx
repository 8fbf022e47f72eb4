import Link from "next/link";

export type ServerSort<C extends string> = { column: C; descending: boolean };

export type SortHeaderProps<C extends string> = {
  column: C;
  label: string;
  numeric?: boolean;
  /** The list's current sort; null is its default order. */
  sort: ServerSort<C> | null;
  /** The URL of the list sorted by a column (sorted in SQL, across every page). */
  sortHref?: (sort: ServerSort<C>) => string;
  /** Which way a first click sorts: figures and dates from the largest, names from A. */
  firstDescending: boolean;
};

/**
 * A column header that sorts a server-paged list: a link to the same list sorted by the column (a
 * second click reverses it), so sorting works by keyboard, without JavaScript, and in a shared URL.
 */
export function SortHeader<C extends string>(props: SortHeaderProps<C>) {
  const { column, label, numeric, sort, sortHref, firstDescending } = props;
  const active = sort?.column === column;
  const className = numeric ? "num" : undefined;
  if (!sortHref) {
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  }
  const descending = active ? !sort?.descending : firstDescending;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (sort?.descending ? "descending" : "ascending") : "none"}
    >
      <Link className="sort-button" href={sortHref({ column, descending })}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort?.descending ? "▼" : "▲") : "↕"}
        </span>
      </Link>
    </th>
  );
}
