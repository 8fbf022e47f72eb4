"use client";

import { useFreshness } from "./freshness-provider";
import { SyncProgress } from "./sync-progress";

/**
 * While the first sync of an account runs (it starts as soon as the user signs in), every page says
 * so above its content with the sync's real progress, rather than looking empty. When it finishes,
 * the freshness provider refreshes the page with the synced data.
 */
export function FirstSyncProgress() {
  const status = useFreshness()?.status;
  if (status?.sync?.status !== "RUNNING" || status.lastSyncedAt) return null;
  return (
    <section className="card stack first-sync" aria-labelledby="first-sync-title">
      <h2 id="first-sync-title">Syncing your Robinhood history</h2>
      <p className="muted">
        Your options orders, fills and expirations are on their way; this page fills in as soon as they are
        here.
      </p>
      <SyncProgress />
    </section>
  );
}
