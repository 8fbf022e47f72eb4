import { CHAIN_STATUS_FILTERS, chainSearchParams } from "@/app/(app)/chains/search-params";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { exportCsv } from "@/lib/export/export-route";
import { exportChains } from "@/lib/server/queries/export-chains";

export const dynamic = "force-dynamic";

/** GET /api/export/chains?underlying=&status=&strategy=: the chains list, as filtered, as CSV. */
export async function GET(request: Request) {
  const filters = chainSearchParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  return exportCsv({
    name: "chains",
    today: tradingDateOf(new Date()),
    build: (user) =>
      exportChains({
        robinhoodUserId: user.robinhoodUserId,
        filters: {
          underlying: filters.underlying,
          status: filters.status ? CHAIN_STATUS_FILTERS[filters.status] : undefined,
          strategy: filters.strategy,
        },
      }),
  });
}
