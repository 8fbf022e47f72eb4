/**
 * The skeleton a page shows while its data loads (each list page's loading.tsx). Pages with an id in
 * their path (a chain, an import) have none on purpose: a loading boundary starts the response before
 * the page runs, so an unknown id could then only answer 200 with a "not found" body; without one,
 * notFound() answers HTTP 404.
 */
export function PageLoading() {
  return (
    <div className="stack" aria-busy="true">
      <span className="muted" role="status">
        Loading…
      </span>
      <div className="stats">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="skeleton skeleton-stat" />
        ))}
      </div>
      <div className="skeleton skeleton-panel" />
    </div>
  );
}
