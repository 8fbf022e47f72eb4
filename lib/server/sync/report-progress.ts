import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { logger } from "@/lib/server/logger";
import type { SyncProgress } from "./sync-types";
import { recordSyncProgress } from "./update-sync-state";

export type ProgressReporter = {
  current(): SyncProgress;
  /**
   * Merges a change, tells `onProgress`, and (unless `persist` is false) stores it in
   * `sync_states.progress`. The write phase passes `persist: false`: its transaction holds the user's
   * lock and writes the final progress itself.
   */
  update(change: Partial<SyncProgress>, options?: { persist?: boolean }): Promise<void>;
};

export function createProgressReporter(options: {
  db?: Database;
  robinhoodUserId: string;
  onProgress?: (progress: SyncProgress) => void;
}): ProgressReporter {
  let progress: SyncProgress = {
    phase: "starting",
    accounts: 0,
    orderPages: 0,
    orders: 0,
    stockOrders: 0,
    events: 0,
    instruments: 0,
    marks: 0,
  };
  return {
    current: () => progress,
    async update(change, updateOptions) {
      progress = { ...progress, ...change };
      try {
        options.onProgress?.(progress);
      } catch (error) {
        // A listener's bug must not fail the user's sync.
        logger.warn({ err: error }, "sync progress listener threw");
      }
      if (updateOptions?.persist !== false) {
        await recordSyncProgress({ db: options.db, robinhoodUserId: options.robinhoodUserId }, progress);
      }
    },
  };
}
