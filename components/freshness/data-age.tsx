"use client";

import { useEffect, useState } from "react";
import { formatTimestamp } from "../format/dates";
import { formatAge } from "../format/relative-time";
import { useFreshness } from "./freshness-provider";
import { describeProgress } from "./sync-phase";

/** "Synced 4 min ago" in the top bar of every page, or the sync's progress while one runs. */
export function DataAge() {
  const freshness = useFreshness();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const tick = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(tick);
  }, []);
  if (!freshness) return null;
  const { status } = freshness;
  const clock = now ?? freshness.renderedAt;
  if (status.sync?.status === "RUNNING") {
    return (
      <span className="data-age running" data-testid="data-age">
        Syncing… {status.sync.progress ? describeProgress(status.sync.progress) : null}
      </span>
    );
  }
  if (!status.lastSyncedAt) {
    return (
      <span className="data-age" data-testid="data-age">
        {status.sync?.status === "FAILED" ? "Sync failed" : "Not synced yet"}
      </span>
    );
  }
  return (
    <span
      className={`data-age${status.sync?.status === "FAILED" ? " failed" : ""}`}
      data-testid="data-age"
      title={`Last successful sync: ${formatTimestamp(status.lastSyncedAt)}`}
    >
      Synced {formatAge(status.lastSyncedAt, clock)}
      {status.sync?.status === "FAILED" ? " · last sync failed" : ""}
    </span>
  );
}
