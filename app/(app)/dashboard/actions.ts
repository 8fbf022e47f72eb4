"use server";

import { revalidatePath } from "next/cache";
import type { DashboardActionState } from "@/components/dashboard/dashboard-action-state";
import { serverAction } from "@/lib/server/handlers/server-action";
import { recomputeNow } from "@/lib/server/recompute/recompute-now";
import { syncAndRecompute } from "@/lib/server/sync/sync-and-recompute";
import { plural } from "@/lib/text/plural";

// These forms carry no fields: the user comes from the session, never from the request body.

const failed = (message: string): DashboardActionState => ({
  status: "done",
  at: Date.now(),
  ok: false,
  message,
});
const done = (message: string): DashboardActionState => ({
  status: "done",
  at: Date.now(),
  ok: true,
  message,
});

export const syncNowAction = serverAction({
  name: "dashboard.sync",
  session: "required",
  failure: (message) => {
    // A failed step may still have written (a sync whose recompute failed): show what is stored.
    revalidatePath("/", "layout");
    return failed(message);
  },
  run: async ({ user }) => {
    const synced = await syncAndRecompute({ robinhoodUserId: user.robinhoodUserId });
    revalidatePath("/", "layout");
    return done(
      `Synced ${plural(synced.orders, "order")} (${synced.newOrders} new) and recomputed ${plural(synced.chains, "chain")}.`,
    );
  },
});

export const recomputeNowAction = serverAction({
  name: "dashboard.recompute",
  session: "required",
  failure: (message) => {
    revalidatePath("/", "layout");
    return failed(message);
  },
  run: async ({ user }) => {
    const summary = await recomputeNow({ robinhoodUserId: user.robinhoodUserId });
    revalidatePath("/", "layout");
    return done(
      `Recomputed ${plural(summary.executions, "fill")} into ${plural(summary.chains, "chain")} in ${summary.durationMs} ms.`,
    );
  },
});
