import type { RecomputeRunView, SyncStatusView } from "@/lib/server/queries/status-queries";
import { RunStatusBadge } from "../badges";
import { formatDuration, formatTimestamp } from "../format/dates";

export function SyncFacts({ sync }: { sync: SyncStatusView | null }) {
  if (!sync)
    return <p className="muted">Not synced yet. Sync to pull your options history from Robinhood.</p>;
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <RunStatusBadge status={sync.status} />
        {sync.status === "RUNNING" && sync.phase ? <span className="muted"> {sync.phase}…</span> : null}
      </dd>
      <dt>Last sync</dt>
      <dd>{sync.lastFinishedAt ? formatTimestamp(sync.lastFinishedAt) : "—"}</dd>
      {sync.lastError ? (
        <>
          <dt>Last error</dt>
          <dd className="loss">{sync.lastError}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function RecomputeFacts({ run }: { run: RecomputeRunView | null }) {
  if (!run) return <p className="muted">P&amp;L has not been computed yet.</p>;
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <RunStatusBadge status={run.status} />
      </dd>
      <dt>Ran</dt>
      <dd>
        {formatTimestamp(run.startedAt)} <span className="muted">({run.trigger})</span>
      </dd>
      <dt>Engine</dt>
      <dd className="num">{run.engineVersion}</dd>
      <dt>Duration</dt>
      <dd className="num">{run.durationMs === null ? "—" : formatDuration(run.durationMs)}</dd>
      <dt>Inputs</dt>
      <dd className="num">
        {run.executionCount} fills · {run.eventCount} events
      </dd>
      <dt>Output</dt>
      <dd className="num">
        {run.lotCount} lots · {run.chainCount} chains
      </dd>
      {run.error ? (
        <>
          <dt>Error</dt>
          <dd className="loss">{run.error}</dd>
        </>
      ) : null}
    </dl>
  );
}
