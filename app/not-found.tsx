import Link from "next/link";

export default function NotFound() {
  return (
    <main className="page" id="main">
      <div className="card empty">
        <h2>Not found</h2>
        <p>There is nothing at this address, or it belongs to another account.</p>
        <Link className="button" href="/dashboard">
          Back to the dashboard
        </Link>
      </div>
    </main>
  );
}
