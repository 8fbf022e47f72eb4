import { CHAIN_STATUS_FILTERS, chainSearchParams } from "@/app/(app)/chains/search-params";
import { csvExportRoute } from "@/lib/export/export-route";
import { exportChains } from "@/lib/server/queries/export-chains";

export const dynamic = "force-dynamic";

/** GET /api/export/chains?underlying=&status=&strategy=: the chains list, as filtered, as CSV. */
export const GET = csvExportRoute({
  name: "chains",
  query: chainSearchParams,
  build: ({ user, query }) =>
    exportChains({
      robinhoodUserId: user.robinhoodUserId,
      filters: {
        underlying: query.underlying,
        status: query.status ? CHAIN_STATUS_FILTERS[query.status] : undefined,
        strategy: query.strategy,
      },
    }),
});
