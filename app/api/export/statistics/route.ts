import { statisticsSearchParams } from "@/app/(app)/statistics/search-params";
import { csvExportRoute } from "@/lib/export/export-route";
import { exportStatistics } from "@/lib/server/queries/export-statistics";

export const dynamic = "force-dynamic";

/** GET /api/export/statistics?by=month: the Statistics table, grouped as on the page, as CSV. */
export const GET = csvExportRoute({
  name: ({ by }) => `statistics-by-${by}`,
  query: statisticsSearchParams,
  build: ({ user, query }) => exportStatistics({ robinhoodUserId: user.robinhoodUserId, grouping: query.by }),
});
