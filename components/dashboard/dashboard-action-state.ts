/** What "Sync now" and "Recompute now" answer. `at` orders the answers, so the page shows the latest. */
export type DashboardActionState =
  | { status: "idle" }
  | { status: "done"; at: number; ok: boolean; message: string };
