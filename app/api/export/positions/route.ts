import { tradingDateOf } from "@/lib/dates/trading-date";
import { exportCsv } from "@/lib/export/export-route";
import { exportPositions } from "@/lib/server/queries/export-positions";

export const dynamic = "force-dynamic";

/** GET /api/export/positions: the open option positions, as CSV. */
export async function GET() {
  const today = tradingDateOf(new Date());
  return exportCsv({
    name: "positions",
    today,
    build: (user) => exportPositions({ robinhoodUserId: user.robinhoodUserId, today }),
  });
}
