"use client";

import { useFreshness } from "./freshness-provider";
import { describeProgress, phaseStep } from "./sync-phase";

/** The running sync's phase and counts as a determinate bar (phases done out of all). */
export function SyncProgress() {
  const sync = useFreshness()?.status.sync;
  const progress = sync?.status === "RUNNING" ? sync.progress : null;
  if (!progress) {
    return (
      <div className="sync-progress" role="status" aria-live="polite">
        <progress aria-label="Sync progress" />
        <span>Starting the sync…</span>
      </div>
    );
  }
  const { step, of } = phaseStep(progress);
  return (
    <div className="sync-progress" role="status" aria-live="polite">
      <progress aria-label="Sync progress" max={of} value={step} />
      <span>{describeProgress(progress)}</span>
    </div>
  );
}
