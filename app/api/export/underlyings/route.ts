import { tradingDateOf } from "@/lib/dates/trading-date";
import { exportCsv } from "@/lib/export/export-route";
import { exportUnderlyings } from "@/lib/server/queries/export-underlyings";

export const dynamic = "force-dynamic";

/** GET /api/export/underlyings: the dashboard's per-underlying table, as CSV. */
export async function GET() {
  return exportCsv({
    name: "underlyings",
    today: tradingDateOf(new Date()),
    build: (user) => exportUnderlyings({ robinhoodUserId: user.robinhoodUserId }),
  });
}
