import "server-only";
import {
  type FreshnessStatus,
  freshnessStatusSchema,
  syncProgressSchema,
} from "@/lib/freshness/status-schema";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";

export type GetFreshnessStatusOptions = { robinhoodUserId: string; db?: Database };

export type StatusRow = {
  sync_status: "IDLE" | "RUNNING" | "SUCCEEDED" | "FAILED" | null;
  progress: unknown;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_error: string | null;
  last_success_at: Date | null;
  recompute_status: "RUNNING" | "SUCCEEDED" | "FAILED" | null;
  recompute_finished_at: Date | null;
  recompute_created_at: Date | null;
};

/**
 * Where the user's data stands, for the browser's poll: one query over primary-key and index lookups
 * (sync_states by user, the newest sync_runs success and recompute_runs row by (user_id, started_at)),
 * whatever the size of the history.
 */
export async function getFreshnessStatus(options: GetFreshnessStatusOptions): Promise<FreshnessStatus> {
  return readAsUser(options, async (tx, user) => {
    const [row] = await tx.$queryRaw<StatusRow[]>`
      SELECT s.status::text AS sync_status, s.progress, s.last_started_at, s.last_finished_at, s.last_error,
             coalesce(
               (SELECT finished_at FROM sync_runs
                WHERE user_id = ${user.id}::uuid AND outcome = 'SUCCEEDED'
                ORDER BY started_at DESC LIMIT 1),
               CASE WHEN s.status = 'SUCCEEDED' THEN s.last_finished_at END
             ) AS last_success_at,
             r.status::text AS recompute_status, r.finished_at AS recompute_finished_at,
             r.created_at AS recompute_created_at
      FROM (SELECT 1) AS one
      LEFT JOIN sync_states s ON s.user_id = ${user.id}::uuid
      LEFT JOIN LATERAL (
        SELECT status, finished_at, created_at FROM recompute_runs
        WHERE user_id = ${user.id}::uuid ORDER BY started_at DESC LIMIT 1
      ) r ON true`;
    return freshnessStatusOf(row);
  });
}

/**
 * The status from its row (this module's query, or the same columns read by app_page_frame), parsed
 * as the route sends it.
 */
export function freshnessStatusOf(row: StatusRow | undefined): FreshnessStatus {
  return freshnessStatusSchema.parse(toStatus(row));
}

function toStatus(row: StatusRow | undefined): FreshnessStatus {
  const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;
  const progress = syncProgressSchema.safeParse(row?.progress);
  return {
    sync: row?.sync_status
      ? {
          status: row.sync_status,
          startedAt: iso(row.last_started_at),
          finishedAt: iso(row.last_finished_at),
          error: row.last_error,
          progress: progress.success ? progress.data : null,
        }
      : null,
    lastSyncedAt: iso(row?.last_success_at),
    recompute: row?.recompute_status
      ? { status: row.recompute_status, finishedAt: iso(row.recompute_finished_at) }
      : null,
    // The sync's finish and the newest recompute row (its insert time: recompute's own `started_at`
    // is the caller's `now`, which tests pin).
    version: `${iso(row?.last_finished_at) ?? "-"}/${iso(row?.recompute_created_at) ?? "-"}`,
  };
}
