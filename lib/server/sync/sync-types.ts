import "server-only";

/** What started a sync: the "Sync now" button, a sign-in, opening the demo, or the cron's schedule. Recorded with every run in `sync_runs`. */
export type SyncTrigger = "manual" | "sign-in" | "demo" | "scheduled";

/** Where a sync is: the network phases first, then the one write. */
export type SyncPhase =
  | "starting"
  | "accounts"
  | "orders"
  | "stock-orders"
  | "events"
  | "instruments"
  | "marks"
  | "writing"
  | "succeeded";

/** Reported through `onProgress` and kept in `sync_states.progress`. Counts are of fetched records. */
export type SyncProgress = {
  phase: SyncPhase;
  accounts: number;
  orderPages: number;
  orders: number;
  /** Equity orders read (`/orders/`). */
  stockOrders: number;
  events: number;
  instruments: number;
  marks: number;
};

export type SyncCounts = {
  accounts: number;
  orders: number;
  legs: number;
  executions: number;
  events: number;
  /** Stock delivered by assignments and exercises. */
  stockTrades: number;
  /**
   * Equity orders read, and their executions stored as stock fills. The orders themselves are kept
   * only as each fill's `raw`, so `inserted.stockOrders` is always 0.
   */
  stockOrders: number;
  stockFills: number;
  instruments: number;
  marks: number;
  stockMarks: number;
};

export type SyncReport = {
  /** Rollbook user id. */
  userId: string;
  robinhoodUserId: string;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  /** `updated_at[gte]` sent for the orders of already-known accounts; null on a full sync. */
  ordersUpdatedSince: Date | null;
  /** Newest order `updated_at` synced so far (the next sync starts there minus the overlap). */
  ordersWatermark: Date | null;
  /** The same two for equity orders, which have their own watermark. */
  stockOrdersUpdatedSince: Date | null;
  stockOrdersWatermark: Date | null;
  /** Records received from Robinhood and written (upserted) in this sync. */
  synced: SyncCounts;
  /** Rows that did not exist before this sync. */
  inserted: SyncCounts;
  /** Events Robinhood now reports as voided, removed with their stock trades. */
  removedEvents: number;
};

export function emptyCounts(): SyncCounts {
  return {
    accounts: 0,
    orders: 0,
    legs: 0,
    executions: 0,
    events: 0,
    stockTrades: 0,
    stockOrders: 0,
    stockFills: 0,
    instruments: 0,
    marks: 0,
    stockMarks: 0,
  };
}
