import "server-only";
import { cachedUserRead } from "@/lib/server/cache/cached-user-read";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { decimalText } from "../decimal-text";
import {
  type ActivityFilters,
  type ActivitySort,
  activityOrder,
  activityRelation,
  activityTotals,
} from "./activity-sql";
import type { ActivityKey, ActivityRow } from "./activity-types";
import { loadActivityRows } from "./load-activity-rows";

export const ACTIVITY_PAGE_SIZE = 50;

export type ListActivityOptions = {
  robinhoodUserId: string;
  filters?: ActivityFilters;
  /** Newest first when not given. */
  sort?: { column: ActivitySort; descending: boolean };
  /** 1-based; a page past the end gives the last page. */
  page?: number;
  pageSize?: number;
  db?: Database;
};

export type ActivityPage = {
  rows: ActivityRow[];
  /** Rows matching the filters, on every page. */
  matching: number;
  /** The cash of every matching row (fills and share trades), exact: the export's total. */
  netAmount: string;
  page: number;
  pageCount: number;
  /** Every underlying and broker strategy name the user has, for the filters. */
  underlyings: string[];
  strategies: string[];
};

/**
 * A page of the user's activity (orders with their fills folded in, lifecycle events, share trades),
 * filtered, counted, summed, sorted and paged in SQL: only the page's rows are read in detail, so a
 * history of 100,000 fills is never loaded whole. Cached per user and data version (lib/server/cache)
 * under every argument that changes it.
 */
export async function listActivity(options: ListActivityOptions): Promise<ActivityPage> {
  const pageSize = options.pageSize ?? ACTIVITY_PAGE_SIZE;
  const sort = options.sort ?? { column: "date", descending: true };
  const filters = options.filters ?? {};
  const key = ["activity", filters, sort, options.page ?? 1, pageSize];
  return cachedUserRead({ robinhoodUserId: options.robinhoodUserId, db: options.db, key }, () =>
    readActivityPage(options, filters, sort, pageSize),
  );
}

function readActivityPage(
  options: ListActivityOptions,
  filters: ActivityFilters,
  sort: { column: ActivitySort; descending: boolean },
  pageSize: number,
): Promise<ActivityPage> {
  return readAsUser(options, async (tx, user) => {
    const [summary] = await tx.$queryRaw<
      { matching: number; net: string }[]
    >`${activityTotals(user.id, filters)}`;
    const matching = summary?.matching ?? 0;
    const pageCount = Math.max(1, Math.ceil(matching / pageSize));
    const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
    const keys = await tx.$queryRaw<ActivityKey[]>`
      SELECT kind, id::text AS id, at, amount::text AS amount
      FROM (${activityRelation(user.id, filters, { amounts: sort.column === "amount" })}) activity
      ${activityOrder(sort.column, sort.descending)}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
    const rows = await loadActivityRows(tx, keys);
    const choices = await tx.$queryRaw<{ underlyings: string[]; strategies: string[] }[]>`
      SELECT
        ARRAY(SELECT DISTINCT chain_symbol FROM option_orders WHERE user_id = ${user.id}::uuid
              UNION SELECT DISTINCT symbol FROM stock_trades WHERE user_id = ${user.id}::uuid
              ORDER BY 1) AS underlyings,
        ARRAY(SELECT DISTINCT s FROM option_orders,
                LATERAL unnest(ARRAY[opening_strategy, closing_strategy]) s
              WHERE user_id = ${user.id}::uuid AND s IS NOT NULL ORDER BY 1) AS strategies`;
    return {
      rows,
      matching,
      netAmount: decimalText(summary?.net ?? "0"),
      page,
      pageCount,
      underlyings: choices[0]?.underlyings ?? [],
      strategies: choices[0]?.strategies ?? [],
    };
  });
}
