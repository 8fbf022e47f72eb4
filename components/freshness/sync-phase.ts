import { SYNC_PHASES, type SyncProgressView } from "@/lib/freshness/status-schema";

const LABELS: Record<SyncProgressView["phase"], string> = {
  starting: "Starting",
  accounts: "Reading accounts",
  orders: "Fetching options orders",
  "stock-orders": "Fetching stock orders",
  events: "Fetching expirations and assignments",
  instruments: "Fetching contracts",
  marks: "Fetching marks",
  writing: "Saving",
  succeeded: "Done",
};

/** Steps done out of all, for a determinate bar: the phases run in this order. */
export function phaseStep(progress: SyncProgressView): { step: number; of: number } {
  return { step: SYNC_PHASES.indexOf(progress.phase), of: SYNC_PHASES.length - 1 };
}

/** "Fetching options orders · 3 pages, 240 orders". */
export function describeProgress(progress: SyncProgressView): string {
  const counts = [
    progress.orderPages > 0 ? plural(progress.orderPages, "page") : null,
    progress.orders > 0 ? plural(progress.orders, "order") : null,
    progress.stockOrders > 0 ? plural(progress.stockOrders, "stock order") : null,
    progress.events > 0 ? plural(progress.events, "event") : null,
  ].filter((part): part is string => part !== null);
  const label = LABELS[progress.phase];
  return counts.length > 0 ? `${label} · ${counts.join(", ")}` : label;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
