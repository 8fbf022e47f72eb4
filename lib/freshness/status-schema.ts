import { z } from "zod";

// zod decides when it builds an object schema whether to compile its parser with `new Function`, and
// probes for eval to decide; the pages' Content-Security-Policy forbids eval and reports even the
// caught probe as a violation. So in the browser (where this module is the first to build a schema)
// zod is told not to compile, before the schemas below exist. The server keeps the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

/**
 * The `/api/status` answer: cheap to read, polled by every open tab. Shared by the route (which parses
 * what it sends) and the browser (which parses what it receives), so neither trusts the other blindly.
 */

export const SYNC_PHASES = [
  "starting",
  "accounts",
  "orders",
  "stock-orders",
  "events",
  "instruments",
  "marks",
  "writing",
  "succeeded",
] as const;

const count = z.number().int().nonnegative();
const instant = z.iso.datetime({ offset: true });

export const syncProgressSchema = z.object({
  phase: z.enum(SYNC_PHASES),
  accounts: count,
  orderPages: count,
  orders: count,
  stockOrders: count,
  events: count,
  instruments: count,
  marks: count,
});

export const freshnessStatusSchema = z.object({
  sync: z
    .object({
      status: z.enum(["IDLE", "RUNNING", "SUCCEEDED", "FAILED"]),
      startedAt: instant.nullable(),
      finishedAt: instant.nullable(),
      error: z.string().nullable(),
      /** Null when the stored progress is missing or from an older shape. */
      progress: syncProgressSchema.nullable(),
    })
    .nullable(),
  /** When the last successful sync finished: the data's age. */
  lastSyncedAt: instant.nullable(),
  recompute: z
    .object({ status: z.enum(["RUNNING", "SUCCEEDED", "FAILED"]), finishedAt: instant.nullable() })
    .nullable(),
  /**
   * Changes whenever a sync or a recompute finishes, whoever started it (this tab, another tab, the
   * cron): a tab that sees a new version refreshes the page's data.
   */
  version: z.string(),
});

export type FreshnessStatus = z.infer<typeof freshnessStatusSchema>;
export type SyncProgressView = z.infer<typeof syncProgressSchema>;
