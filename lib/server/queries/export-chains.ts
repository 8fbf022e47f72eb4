import "server-only";
import type { CsvStreamOptions } from "@/lib/export/csv-stream";
import type { ChainStatus, RollChain } from "@/lib/generated/prisma/client";
import { add, formatMoney, type Micro, parseDecimal, ZERO } from "@/lib/money";
import type { StrategyLabel } from "@/lib/pnl";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { dateText, dateTextOrNull, decimalText, decimalTextOrNull } from "./decimal-text";

export const EXPORT_PAGE_SIZE = 1_000;

export type ExportChainsOptions = {
  robinhoodUserId: string;
  filters?: { underlying?: string; status?: ChainStatus; strategy?: StrategyLabel };
  pageSize?: number;
  db?: Database;
};

const HEADER = [
  "chain_id",
  "underlying",
  "strategy",
  "option_type",
  "side",
  "status",
  "opened_on",
  "closed_on",
  "days_held",
  "rolls",
  "net_premium",
  "realized_pnl",
  "unrealized_pnl",
  "breakeven",
] as const;

/**
 * The chains list as CSV: every chain matching the filters, newest first, read a page at a time by
 * cursor (each page its own read-only transaction), decimals exactly as stored, and a totals row.
 */
export function exportChains(options: ExportChainsOptions): CsvStreamOptions {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const filters = options.filters ?? {};
  let realized: Micro = ZERO;
  let netPremium: Micro = ZERO;
  let count = 0;

  async function* pages() {
    let cursor: string | null = null;
    while (true) {
      const after: string | null = cursor;
      const rows: RollChain[] = await readAsUser(
        { robinhoodUserId: options.robinhoodUserId, db: options.db },
        (tx, user) =>
          tx.rollChain.findMany({
            where: {
              userId: user.id,
              underlying: filters.underlying,
              status: filters.status,
              strategy: filters.strategy,
            },
            orderBy: [{ openedAt: "desc" }, { id: "asc" }],
            take: pageSize,
            ...(after ? { cursor: { id: after }, skip: 1 } : {}),
          }),
      );
      if (rows.length === 0) return;
      count += rows.length;
      yield rows.map((row) => {
        realized = add(realized, parseDecimal(decimalText(row.realizedPnl)));
        netPremium = add(netPremium, parseDecimal(decimalText(row.netPremium)));
        return [
          row.id,
          row.underlying,
          row.strategy,
          row.optionType,
          row.side,
          row.status,
          dateText(row.openedAt),
          dateTextOrNull(row.closedAt),
          row.daysHeld,
          row.rollCount,
          decimalText(row.netPremium),
          decimalText(row.realizedPnl),
          decimalTextOrNull(row.unrealizedPnl),
          decimalTextOrNull(row.breakevenPrice),
        ];
      });
      if (rows.length < pageSize) return;
      cursor = rows.at(-1)?.id ?? null;
    }
  }

  return {
    header: HEADER,
    pages: pages(),
    trailer: () => [
      [
        `Total (${count} chains)`,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        formatMoney(netPremium),
        formatMoney(realized),
        null,
        null,
      ],
    ],
  };
}
