export default function Loading() {
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
