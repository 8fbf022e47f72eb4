import { statisticsSearchParams } from "@/app/(app)/statistics/search-params";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { exportCsv } from "@/lib/export/export-route";
import { exportStatistics } from "@/lib/server/queries/export-statistics";

export const dynamic = "force-dynamic";

/** GET /api/export/statistics?by=month: the Statistics table, grouped as on the page, as CSV. */
export async function GET(request: Request) {
  const { by } = statisticsSearchParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  return exportCsv({
    name: `statistics-by-${by}`,
    today: tradingDateOf(new Date()),
    build: (user) => exportStatistics({ robinhoodUserId: user.robinhoodUserId, grouping: by }),
  });
}
