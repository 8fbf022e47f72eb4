export default function HomePage() {
  return (
    <main>
      <h1>Rollbook</h1>
      <p>Exact realized and unrealized P&amp;L for your Robinhood options, with rolls linked into chains.</p>
    </main>
  );
}
