import Link from "next/link";

type PaginationProps = {
  /** The listing's path, e.g. `/chains`. */
  path: string;
  page: number;
  pageCount: number;
  /** The other search params to keep on every page link. */
  query?: Record<string, string | undefined>;
  labels?: { previous: string; next: string };
};

export function Pagination(props: PaginationProps) {
  const { path, page, pageCount, query = {}, labels = { previous: "← Newer", next: "Older →" } } = props;
  if (pageCount <= 1) return null;
  const href = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    if (target > 1) params.set("page", String(target));
    const search = params.toString();
    return search ? `${path}?${search}` : path;
  };
  return (
    <nav className="row pagination" aria-label="Pages">
      {page > 1 ? (
        <Link className="button" href={href(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : null}
      <span className="muted num">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="button" href={href(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : null}
    </nav>
  );
}
