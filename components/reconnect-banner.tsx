import Link from "next/link";

/**
 * Shown on every page while Robinhood refuses the stored sign-in (`since`, from the page frame):
 * scheduled syncs have stopped, and only signing in to Robinhood again resumes them. Everything
 * already in Rollbook stays.
 */
export function ReconnectBanner({ since }: { since: Date | null }) {
  if (!since) return null;
  return (
    <div className="alert error reconnect-banner" role="alert">
      <strong>Reconnect Robinhood.</strong> Robinhood stopped accepting Rollbook&apos;s sign-in, so your data
      has not been updated since then. Your history and P&amp;L stay as they are.{" "}
      <Link href="/sign-in?reason=reconnect" className="reconnect-link">
        Sign in to Robinhood again
      </Link>
    </div>
  );
}
