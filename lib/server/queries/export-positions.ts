import "server-only";
import type { CsvStreamOptions } from "@/lib/export/csv-stream";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getPositionsPage, type PositionTotals } from "./get-positions-page";

export type ExportPositionsOptions = { robinhoodUserId: string; today: string; db?: Database };

/**
 * The open option positions as CSV, exact decimals, with the page's totals row. Open positions are
 * bounded by what one account holds at once, so they are read as one page.
 */
export function exportPositions(options: ExportPositionsOptions): CsvStreamOptions {
  let totals: PositionTotals | null = null;
  async function* pages() {
    const page = await getPositionsPage(options);
    totals = page.totals;
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
