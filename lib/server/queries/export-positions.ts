import "server-only";
import type { CsvStreamOptions } from "@/lib/export/csv-stream";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getPositionsPage, type PositionTotals } from "./get-positions-page";

const EXPORT_PAGE_SIZE = 1_000;

export type ExportPositionsOptions = { robinhoodUserId: string; today: string; db?: Database };

/**
 * The open option positions as CSV, exact decimals, with the page's totals row (over every position,
 * as the page's is), read a page at a time in the page's default order.
 */
export function exportPositions(options: ExportPositionsOptions): CsvStreamOptions {
  let totals: PositionTotals | null = null;
  async function* pages() {
    for (let number = 1, pageCount = 1; number <= pageCount; number++) {
      const page = await getPositionsPage({ ...options, page: number, pageSize: EXPORT_PAGE_SIZE });
      totals = page.totals;
      pageCount = page.pageCount;
      yield page.options.map((row) => [
        row.contract.underlying,
        row.contract.expiration,
        row.contract.strike,
        row.contract.optionType,
        row.contract.multiplier,
        row.side,
        row.quantity,
        row.daysToExpiration,
        row.underlyingPrice,
        row.averagePrice,
        row.costBasis,
        row.mark,
        row.marketValue,
        row.unrealized,
        row.maxProfitCaptured,
        row.strategy,
        row.chainId,
      ]);
    }
  }
  return {
    header: [
      "underlying",
      "expiration",
      "strike",
      "option_type",
      "multiplier",
      "side",
      "quantity",
      "days_to_expiration",
      "underlying_price",
      "average_price",
      "cost_basis",
      "mark",
      "market_value",
      "unrealized_pnl",
      "max_profit_captured_percent",
      "strategy",
      "chain_id",
    ],
    pages: pages(),
    trailer: () => {
      const total: PositionTotals | null = totals;
      return total
        ? [
            [
              `Total (${total.positions} positions)`,
              ...new Array(9).fill(null),
              total.costBasis,
              null,
              total.marketValue,
              total.unrealized,
              null,
              null,
              null,
            ],
          ]
        : [];
    },
  };
}
