import "server-only";
import {
  type NetPremiumGrid,
  netPremiumGrid,
  type OptionReconciliation,
  optionReconciliation,
} from "@/lib/analytics/explain";
import { parseDecimal } from "@/lib/money";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { countedFillsCte } from "./counted-fills";

export type ExplainOverview = {
  reconciliation: OptionReconciliation;
  /** Open positions without a mark, whose open cash is the identity's named exclusion. */
  unmarkedPositions: number;
  netPremium: NetPremiumGrid;
};

export type GetExplainOverviewOptions = { robinhoodUserId: string; db?: Database };

/** The Explain page: the option reconciliation identity on the stored figures, and net premium. */
export async function getExplainOverview(options: GetExplainOverviewOptions): Promise<ExplainOverview> {
  return readAsUser(options, async (tx, user) => {
    const terms = await reconciliationTerms(tx, user.id);
    const cells = await tx.$queryRaw<
      { underlying: string; strategy: string | null; net_premium: string; chains: number }[]
    >`
      SELECT underlying, strategy, trim_scale(sum(net_premium))::text AS net_premium, count(*)::int AS chains
      FROM roll_chains WHERE user_id = ${user.id}::uuid
      GROUP BY underlying, strategy`;
    return {
      reconciliation: optionReconciliation(terms),
      unmarkedPositions: terms.unmarkedPositions,
      netPremium: netPremiumGrid(
        cells.map((cell) => ({
          underlying: cell.underlying,
          strategy: cell.strategy,
          netPremium: parseDecimal(cell.net_premium),
          chains: cell.chains,
        })),
      ),
    };
  });
}

/**
 * The identity's terms from three independent stores: the closed lots (realized, as the dashboard's
 * daily figures sum them), the open positions (unrealized, market value, open cash of those without
 * a mark) and the fills themselves (cash flows, `counted-fills.ts`). Summed by PostgreSQL `numeric`.
 */
async function reconciliationTerms(tx: UserTransaction, userId: string) {
  const [row] = await tx.$queryRaw<
    {
      realized: string;
      unrealized: string;
      market_value: string;
      unmarked_open_cash: string;
      unmarked: number;
      cash_flows: string;
    }[]
  >`
    WITH ${countedFillsCte(userId)}
    SELECT
      (SELECT trim_scale(coalesce(sum(realized_pnl), 0)) FROM matched_lots WHERE user_id = ${userId}::uuid)::text AS realized,
      (SELECT trim_scale(coalesce(sum(unrealized_pnl), 0)) FROM open_positions
        WHERE user_id = ${userId}::uuid AND market_value IS NOT NULL)::text AS unrealized,
      (SELECT trim_scale(coalesce(sum(market_value), 0)) FROM open_positions
        WHERE user_id = ${userId}::uuid AND market_value IS NOT NULL)::text AS market_value,
      (SELECT trim_scale(coalesce(sum(cost_basis), 0)) FROM open_positions
        WHERE user_id = ${userId}::uuid AND market_value IS NULL)::text AS unmarked_open_cash,
      (SELECT count(*) FROM open_positions WHERE user_id = ${userId}::uuid AND market_value IS NULL)::int AS unmarked,
      (SELECT trim_scale(coalesce(sum(cash), 0)) FROM counted_fills)::text AS cash_flows`;
  if (!row) throw new Error("The reconciliation query returned no row");
  return {
    realized: parseDecimal(row.realized),
    unrealized: parseDecimal(row.unrealized),
    cashFlows: parseDecimal(row.cash_flows),
    marketValue: parseDecimal(row.market_value),
    unmarkedOpenCash: parseDecimal(row.unmarked_open_cash),
    unmarkedPositions: row.unmarked,
  };
}
