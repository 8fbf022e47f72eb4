import Link from "next/link";

/**
 * An Activity page whose link carries filters that do not parse: the page's title, why, and a link
 * to the same page without filters.
 */
export function UnreadableFilters({
  title,
  reason,
  resetHref,
  resetLabel,
}: {
  title: string;
  reason: string;
  resetHref: string;
  resetLabel: string;
}) {
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      <section className="card">
        <p className="alert" role="alert">
          This link&apos;s filters cannot be read — {reason}.
        </p>
        <Link href={resetHref}>{resetLabel}</Link>
      </section>
    </>
  );
}
