import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import type { OrderActivity } from "./activity-types";
import { loadActivityRows } from "./load-activity-rows";

export type GetActivityOrderOptions = { robinhoodUserId: string; orderId: string; db?: Database };

/**
 * One option order with its legs and every fill, each fill with its origin (the Robinhood order, or
 * the imported file and row); null when the order is not the user's (row-level security hides it).
 */
export async function getActivityOrder(options: GetActivityOrderOptions): Promise<OrderActivity | null> {
  return readAsUser(options, async (tx, user) => {
    const keys = await tx.$queryRaw<{ kind: "order"; id: string; at: Date; amount: string | null }[]>`
      SELECT 'order' AS kind, o.id::text AS id, o.broker_created_at AS at, NULL AS amount
      FROM option_orders o WHERE o.id = ${options.orderId}::uuid AND o.user_id = ${user.id}::uuid`;
    const [order] = await loadActivityRows(tx, keys);
    return order?.kind === "order" ? order : null;
  });
}
