"use client";

import { useActionState } from "react";
import type { FormAction } from "../form-action";
import { useFreshness } from "../freshness/freshness-provider";
import { SyncProgress } from "../freshness/sync-progress";
import { SubmitButton } from "../submit-button";
import type { DashboardActionState } from "./dashboard-action-state";

type SyncControlsProps = {
  sync: FormAction<DashboardActionState>;
  recompute: FormAction<DashboardActionState>;
};

const IDLE: DashboardActionState = { status: "idle" };

export function SyncControls({ sync, recompute }: SyncControlsProps) {
  const [syncState, syncAction, syncing] = useActionState(sync, IDLE);
  const [recomputeState, recomputeAction, recomputing] = useActionState(recompute, IDLE);
  const freshness = useFreshness();
  const busy = syncing || recomputing;
  const latest = syncing || recomputing ? null : pickLatest(syncState, recomputeState);
  return (
    <div className="stack">
      <div className="row">
        <form action={syncAction} onSubmit={() => freshness?.pollSoon()}>
          <SubmitButton pending={syncing} disabled={busy} pendingLabel="Syncing…">
            Sync now
          </SubmitButton>
        </form>
        <form action={recomputeAction}>
          <SubmitButton className="button" pending={recomputing} disabled={busy} pendingLabel="Recomputing…">
            Recompute now
          </SubmitButton>
        </form>
      </div>
      {syncing ? <SyncProgress /> : null}
      {recomputing ? (
        <div className="demo-progress" role="status" aria-live="polite">
          <div className="progress" />
          <span>Recomputing P&amp;L…</span>
        </div>
      ) : null}
      {latest?.status === "done" ? (
        <div className={`alert ${latest.ok ? "success" : "error"}`} role={latest.ok ? "status" : "alert"}>
          {latest.message}
        </div>
      ) : null}
    </div>
  );
}

/** Only one message at a time: whichever action answered last. */
function pickLatest(a: DashboardActionState, b: DashboardActionState): DashboardActionState | null {
  if (a.status === "idle") return b.status === "idle" ? null : b;
  if (b.status === "idle") return a;
  return a.at >= b.at ? a : b;
}
