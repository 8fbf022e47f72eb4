import type { ServerSort } from "./sort-header";

/**
 * The URL of a server-sorted list, sorted by a column and keeping its filters (a new sort starts at
 * page 1). Client tables build their header links with it from plain data the server passes.
 */
export function listSortHref<C extends string>(
  path: string,
  query: Record<string, string | undefined>,
): (sort: ServerSort<C>) => string {
  return (sort) => {
    const search = new URLSearchParams(
      Object.entries({ ...query, sort: sort.column, dir: sort.descending ? "desc" : "asc" }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "",
      ),
    );
    return `${path}?${search}`;
  };
}
