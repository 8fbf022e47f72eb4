export default function Loading() {
  return (
    <div className="stack" aria-busy="true">
      <span className="muted" role="status">
        Loading…
      </span>
      <div className="stats">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="skeleton" style={{ height: 92 }} />
        ))}
      </div>
      <div className="skeleton" style={{ height: 300 }} />
    </div>
  );
}
