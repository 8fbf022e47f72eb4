import Link from "next/link";

type PaginationProps = {
  page: number;
  pageCount: number;
  /** The other search params to keep on every page link. */
  query: Record<string, string | undefined>;
};

export function Pagination({ page, pageCount, query }: PaginationProps) {
  if (pageCount <= 1) return null;
  const href = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    if (target > 1) params.set("page", String(target));
    const search = params.toString();
    return search ? `/chains?${search}` : "/chains";
  };
  return (
    <nav className="row pagination" aria-label="Pages">
      {page > 1 ? (
        <Link className="button" href={href(page - 1)} rel="prev">
          ← Newer
        </Link>
      ) : null}
      <span className="muted num">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="button" href={href(page + 1)} rel="next">
          Older →
        </Link>
      ) : null}
    </nav>
  );
}
