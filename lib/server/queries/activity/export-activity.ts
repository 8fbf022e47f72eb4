import "server-only";
import type { CsvField } from "@/lib/export/csv-line";
import type { CsvStreamOptions } from "@/lib/export/csv-stream";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDecimals } from "@/lib/money";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { type ActivityFilters, activityRelation } from "./activity-sql";
import type { ActivityKey, ActivityRow } from "./activity-types";
import { loadActivityRows } from "./load-activity-rows";

export const ACTIVITY_EXPORT_PAGE_SIZE = 1_000;

export type ExportActivityOptions = {
  robinhoodUserId: string;
  filters?: ActivityFilters;
  pageSize?: number;
  db?: Database;
};

const HEADER = [
  "type",
  "trade_date",
  "time",
  "underlying",
  "expiration",
  "strike",
  "option_type",
  "side",
  "effect",
  "quantity",
  "price",
  "fees",
  "amount",
  "order_id",
  "order_state",
  "strategy",
  "reference",
  "source",
  "import_id",
  "import_row",
] as const;

type Cursor = { at: string; kind: string; id: string };

/**
 * The Activity page's rows as CSV, with the same filters: one line per fill (an order's fills each
 * on their own line, naming the order), per lifecycle event and per share trade, newest first.
 * Read by keyset a page at a time (each page its own read-only transaction), so a 100,000-fill
 * history streams in bounded memory; decimals exactly as stored, and a totals row whose amount is
 * the page's net amount.
 */
export function exportActivity(options: ExportActivityOptions): CsvStreamOptions {
  const pageSize = options.pageSize ?? ACTIVITY_EXPORT_PAGE_SIZE;
  let total = "0";
  let lines = 0;

  async function* pages() {
    let cursor: Cursor | null = null;
    while (true) {
      const after: Cursor | null = cursor;
      const rows: ActivityRow[] = await readAsUser(options, async (tx, user) => {
        // Keys only: each line's amount comes from its own fill or trade.
        const relation = activityRelation(user.id, options.filters ?? {}, { amounts: false });
        // Newest first, then kind, then id descending: the Activity page's default order.
        const keyset = after
          ? Prisma.sql`WHERE activity.at < ${after.at}::timestamptz
              OR (activity.at = ${after.at}::timestamptz AND activity.kind > ${after.kind})
              OR (activity.at = ${after.at}::timestamptz AND activity.kind = ${after.kind} AND activity.id < ${after.id}::uuid)`
          : Prisma.empty;
        const keys = await tx.$queryRaw<ActivityKey[]>`
          SELECT kind, id::text AS id, at, amount::text AS amount FROM (${relation}) activity ${keyset}
          ORDER BY activity.at DESC, activity.kind, activity.id DESC LIMIT ${pageSize}`;
        return loadActivityRows(tx, keys);
      });
      if (rows.length === 0) return;
      const page: CsvField[][] = [];
      for (const row of rows) {
        for (const line of csvLines(row)) {
          const amount = line[12];
          if (typeof amount === "string") total = addDecimals(total, amount);
          lines++;
          page.push(line);
        }
      }
      yield page;
      if (rows.length < pageSize) return;
      const last = rows.at(-1) as ActivityRow;
      cursor = { at: last.at, kind: last.kind, id: last.id };
    }
  }

  return {
    header: HEADER,
    pages: pages(),
    trailer: () => [
      [`Total (${lines} lines)`, ...Array(11).fill(null), total, ...Array(HEADER.length - 13).fill(null)],
    ],
  };
}

/** One activity row as CSV lines, in `HEADER` order. */
function csvLines(row: ActivityRow): CsvField[][] {
  if (row.kind === "order") {
    const fills = row.legs.flatMap((leg) => leg.fills.map((fill) => ({ leg, fill })));
    if (fills.length === 0) {
      return [
        [
          "order",
          row.day,
          row.at,
          row.underlying,
          ...Array(8).fill(null),
          "0",
          row.brokerOrderId,
          row.state,
          row.strategy,
          row.brokerOrderId,
          row.source,
          null,
          null,
        ],
      ];
    }
    return fills.map(({ leg, fill }) => [
      "fill",
      fill.tradeDate,
      fill.executedAt,
      leg.contract.underlying,
      leg.contract.expiration,
      leg.contract.strike,
      leg.contract.optionType,
      leg.side,
      leg.positionEffect,
      fill.quantity,
      fill.price,
      fill.fees,
      fill.amount,
      row.brokerOrderId,
      row.state,
      row.strategy,
      fill.brokerExecutionId,
      row.source,
      fill.origin.source === "CSV" ? fill.origin.importId : null,
      fill.origin.source === "CSV" && fill.origin.importId !== null ? fill.origin.rowNumber : null,
    ]);
  }
  if (row.kind === "stock") {
    return [
      [
        row.delivery ? "stock-delivery" : "stock",
        row.day,
        row.at,
        row.underlying,
        null,
        null,
        null,
        row.side,
        null,
        row.quantity,
        row.price,
        row.fees,
        row.amount,
        row.brokerOrderId,
        null,
        null,
        row.brokerTradeId,
        row.source,
        row.importId,
        null,
      ],
    ];
  }
  return [
    [
      row.kind,
      row.day,
      row.at,
      row.underlying,
      row.contract.expiration,
      row.contract.strike,
      row.contract.optionType,
      null,
      null,
      row.quantity,
      null,
      null,
      null,
      null,
      row.state,
      null,
      row.brokerEventId,
      row.source,
      row.importId,
      null,
    ],
  ];
}
