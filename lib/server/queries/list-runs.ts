import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";

export const RUNS_PAGE_SIZE = 25;

export type RunKind = "sync" | "import" | "recompute";

/** One line of the Runs page: a sync, an import or a recompute of the user's data. */
export type RunRow = {
  kind: RunKind;
  id: string;
  startedAt: string;
  durationMs: number | null;
  outcome: "RUNNING" | "PENDING" | "SUCCEEDED" | "FAILED";
  /** What started a sync or recompute (manual, scheduled, ...), an import's file name. */
  detail: string;
  /** What it read and wrote, e.g. "3 pages · 577 orders · 118 events · 2,417 new rows". */
  counts: { label: string; value: number }[];
  /** The readable error of a failed run. */
  error: string | null;
};

export type RunsPage = { runs: RunRow[]; total: number; page: number; pageCount: number };

type Row = {
  kind: RunKind;
  id: string;
  started_at: Date;
  duration_ms: number | null;
  outcome: RunRow["outcome"];
  detail: string;
  a: number;
  b: number;
  c: number;
  d: number;
  error: string | null;
};

const COUNT_LABELS: Record<RunKind, [string, string, string, string]> = {
  sync: ["pages", "orders", "events", "new rows"],
  import: ["rows", "imported", "not used", "unreadable rows"],
  recompute: ["fills", "events", "lots", "chains"],
};

/**
 * The user's syncs, imports and recomputes, newest first, one page at a time. Each of the three
 * tables is read through its (user_id, started/created) index; only a page's worth is merged.
 */
export async function listRuns(options: {
  robinhoodUserId: string;
  page: number;
  db?: Database;
}): Promise<RunsPage> {
  return readAsUser(options, async (tx, user) => {
    const window = options.page * RUNS_PAGE_SIZE;
    const rows = await tx.$queryRaw<Row[]>`
      SELECT * FROM (
        (SELECT 'sync' AS kind, id::text, started_at, duration_ms, outcome::text AS outcome, trigger AS detail,
                order_pages AS a, orders AS b, events AS c, new_rows AS d, error
         FROM sync_runs WHERE user_id = ${user.id}::uuid ORDER BY started_at DESC LIMIT ${window})
        UNION ALL
        (SELECT 'import', id::text, created_at,
                (extract(epoch FROM completed_at - created_at) * 1000)::int,
                CASE status WHEN 'COMPLETED' THEN 'SUCCEEDED' ELSE status::text END, file_name,
                row_count, imported_count, skipped_count, error_count,
                CASE WHEN status = 'FAILED'
                     THEN error_count || ' unreadable rows: the file was not imported' END
         FROM imports WHERE user_id = ${user.id}::uuid ORDER BY created_at DESC LIMIT ${window})
        UNION ALL
        (SELECT 'recompute', id::text, started_at, duration_ms, status::text, trigger,
                execution_count, event_count, lot_count, chain_count, error
         FROM recompute_runs WHERE user_id = ${user.id}::uuid ORDER BY started_at DESC LIMIT ${window})
      ) runs
      ORDER BY started_at DESC, kind, id
      LIMIT ${RUNS_PAGE_SIZE} OFFSET ${window - RUNS_PAGE_SIZE}`;
    const [totals] = await tx.$queryRaw<{ total: number }[]>`
      SELECT ((SELECT count(*) FROM sync_runs WHERE user_id = ${user.id}::uuid)
            + (SELECT count(*) FROM imports WHERE user_id = ${user.id}::uuid)
            + (SELECT count(*) FROM recompute_runs WHERE user_id = ${user.id}::uuid))::int AS total`;
    const total = totals?.total ?? 0;
    return {
      runs: rows.map(toRunRow),
      total,
      page: options.page,
      pageCount: Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE)),
    };
  });
}

function toRunRow(row: Row): RunRow {
  const labels = COUNT_LABELS[row.kind];
  const values = [row.a, row.b, row.c, row.d];
  return {
    kind: row.kind,
    id: row.id,
    startedAt: row.started_at.toISOString(),
    durationMs: row.duration_ms,
    outcome: row.outcome,
    detail: row.detail,
    counts: labels.map((label, index) => ({ label, value: values[index] ?? 0 })),
    error: row.error,
  };
}
