import "server-only";
import type { CsvStreamOptions } from "@/lib/export/csv-stream";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { type DashboardTotals, pnlTotals, underlyingRows } from "./pnl-queries";

export type ExportUnderlyingsOptions = { robinhoodUserId: string; db?: Database };

/** The dashboard's per-underlying table as CSV, exact decimals, with the same totals row. */
export function exportUnderlyings(options: ExportUnderlyingsOptions): CsvStreamOptions {
  let totals: DashboardTotals | null = null;
  async function* pages() {
    const rows = await readAsUser(options, async (tx, user) => {
      totals = await pnlTotals(tx, user.id);
      return underlyingRows(tx, user.id);
    });
    yield rows.map((row) => [
      row.underlying,
      row.realized,
      row.unrealized,
      row.fees,
      row.openPositions,
      row.unmarkedPositions,
    ]);
  }
  return {
    header: ["underlying", "realized_pnl", "unrealized_pnl", "fees", "open_positions", "unmarked_positions"],
    pages: pages(),
    trailer: () => {
      const total: DashboardTotals | null = totals;
      return total
        ? [
            [
              "Total",
              total.realized,
              total.unrealized,
              total.fees,
              total.openPositions,
              total.unmarkedPositions,
            ],
          ]
        : [];
    },
  };
}
