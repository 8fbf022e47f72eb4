import type { RunRow } from "@/lib/server/queries/list-runs";
import { RunStatusBadge } from "../badges";
import { formatDuration, formatTimestamp } from "../format/dates";
import { scrollRegion } from "../tables/scroll-region";

const KIND_LABELS = { sync: "Sync", import: "Import", recompute: "Recompute" } as const;

export function RunTable({ runs }: { runs: RunRow[] }) {
  return (
    <div className="table-wrap" {...scrollRegion("Runs")}>
      <table>
        <thead>
          <tr>
            <th>Run</th>
            <th>Started</th>
            <th className="num">Duration</th>
            <th>Outcome</th>
            <th>Counts</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={`${run.kind}:${run.id}`} data-kind={run.kind}>
              <td>
                <strong>{KIND_LABELS[run.kind]}</strong> <span className="muted">{run.detail}</span>
              </td>
              <td>
                <time dateTime={run.startedAt}>{formatTimestamp(run.startedAt)}</time>
              </td>
              <td className="num">{run.durationMs === null ? "—" : formatDuration(run.durationMs)}</td>
              <td>
                <RunStatusBadge status={run.outcome} />
                {run.error ? <div className="loss run-error">{run.error}</div> : null}
              </td>
              <td className="muted">
                {run.counts
                  .map((count) => `${count.value.toLocaleString("en-US")} ${count.label}`)
                  .join(" · ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
