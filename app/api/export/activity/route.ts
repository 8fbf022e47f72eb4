import { activitySearchParams } from "@/app/(app)/activity/search-params";
import { csvExportRoute } from "@/lib/export/export-route";
import { exportActivity } from "@/lib/server/queries/activity/export-activity";

export const dynamic = "force-dynamic";

/**
 * GET /api/export/activity?underlying=&type=&strategy=&contract=&from=&to=&q=: the Activity page's
 * rows, with the same filters, one line per fill, event and share trade, streamed.
 */
export const GET = csvExportRoute({
  name: "activity",
  query: activitySearchParams,
  build: ({ user, query }) =>
    exportActivity({
      robinhoodUserId: user.robinhoodUserId,
      filters: {
        underlying: query.underlying,
        type: query.type,
        strategy: query.strategy,
        contract: query.contract,
        from: query.from,
        to: query.to,
        search: query.q,
      },
    }),
});
