import "server-only";
import type { FreshnessStatus } from "@/lib/freshness/status-schema";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import type { AccountSummary } from "./get-account-summary";
import { freshnessStatusOf, type StatusRow } from "./get-freshness-status";

/** What the frame of every app page needs about the signed-in user, read in one statement. */
export type PageFrame = {
  /** The user's session version: a session is current only while its token carries this one. */
  sessionVersion: number;
  /** The user's data version: the key of the page's cached reads (lib/server/cache). */
  dataVersion: string;
  account: AccountSummary;
  freshness: FreshnessStatus;
  /** Since when Robinhood has refused the stored sign-in (null: it has not). */
  reconnectNeededSince: Date | null;
};

type FrameRow = {
  session_version: number;
  data_version: string;
  username: string | null;
  display_name: string | null;
  is_demo: boolean;
  demo_expires_at: Date | null;
  reconnect_needed_since: Date | null;
  sync_status: StatusRow["sync_status"];
  sync_progress: unknown;
  sync_started_at: Date | null;
  sync_finished_at: Date | null;
  sync_error: string | null;
  last_success_at: Date | null;
  recompute_status: StatusRow["recompute_status"];
  recompute_finished_at: Date | null;
  recompute_created_at: Date | null;
};

/**
 * The page frame of a user, or null when the user does not exist. One statement, whatever the
 * history's size: `app_page_frame` sets the row-level-security context of its own transaction and
 * reads the user's row, demo expiry, sync schedule, sync state and newest runs by key (the account
 * summary, freshness and reconnect reads of get-account-summary, get-freshness-status and
 * get-reconnect-needed, in one round trip instead of three transactions).
 */
export async function readPageFrame(userId: string, db: Database = getDb()): Promise<PageFrame | null> {
  const [row] = await db.$queryRaw<FrameRow[]>`SELECT * FROM app_page_frame(${userId}::uuid)`;
  if (!row) return null;
  return {
    sessionVersion: row.session_version,
    dataVersion: row.data_version,
    account: {
      username: row.username,
      displayName: row.display_name,
      isDemo: row.is_demo,
      demoExpiresAt: row.demo_expires_at,
    },
    freshness: freshnessStatusOf({
      sync_status: row.sync_status,
      progress: row.sync_progress,
      last_started_at: row.sync_started_at,
      last_finished_at: row.sync_finished_at,
      last_error: row.sync_error,
      last_success_at: row.last_success_at,
      recompute_status: row.recompute_status,
      recompute_finished_at: row.recompute_finished_at,
      recompute_created_at: row.recompute_created_at,
    }),
    reconnectNeededSince: row.reconnect_needed_since,
  };
}
