import "server-only";
import { daysToExpiration } from "@/lib/analytics";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import type { ContractView } from "./decimal-text";

/** A contract a chain holds now (open) or held last (closed): what "SOFI short call" stands for. */
export type ChainContract = ContractView & {
  side: "LONG" | "SHORT";
  /** Contracts, unsigned. */
  quantity: string;
  /** From today; negative once past. */
  daysToExpiration: number;
  /** Held now (an open position), or the last one the chain closed. */
  open: boolean;
};

type Row = Omit<ChainContract, "daysToExpiration" | "open"> & { chainId: string; open: boolean };

/**
 * For each chain: its open contracts, or when none is open, the contracts of its last closing day.
 * Spreads have several; they come in expiration then strike order.
 */
export async function chainCurrentContracts(
  tx: UserTransaction,
  options: { userId: string; chainIds: string[]; today: string },
): Promise<Map<string, ChainContract[]>> {
  const result = new Map<string, ChainContract[]>();
  if (options.chainIds.length === 0) return result;
  const rows = await tx.$queryRaw<Row[]>`
    WITH wanted AS (SELECT unnest(${options.chainIds}::uuid[]) AS chain_id),
    held AS (
      SELECT p.chain_id, p.instrument_id, p.side, abs(p.quantity) AS quantity, true AS open
      FROM open_positions p JOIN wanted w ON w.chain_id = p.chain_id
      WHERE p.user_id = ${options.userId}::uuid
    ), last_day AS (
      SELECT l.chain_id, max(l.close_trade_date) AS day
      FROM matched_lots l JOIN wanted w ON w.chain_id = l.chain_id
      WHERE l.user_id = ${options.userId}::uuid AND l.chain_id NOT IN (SELECT chain_id FROM held)
      GROUP BY l.chain_id
    ), last_closed AS (
      SELECT l.chain_id, l.instrument_id, l.side, sum(l.quantity) AS quantity, false AS open
      FROM matched_lots l JOIN last_day d ON d.chain_id = l.chain_id AND d.day = l.close_trade_date
      WHERE l.user_id = ${options.userId}::uuid
      GROUP BY l.chain_id, l.instrument_id, l.side
    )
    SELECT c.chain_id::text AS "chainId", i.underlying, i.expiration_date::text AS expiration,
           trim_scale(i.strike_price)::text AS strike, i.option_type::text AS "optionType",
           trim_scale(i.multiplier)::text AS multiplier, c.side::text AS side,
           trim_scale(c.quantity)::text AS quantity, c.open
    FROM (SELECT * FROM held UNION ALL SELECT * FROM last_closed) c
    JOIN option_instruments i ON i.id = c.instrument_id
    ORDER BY c.chain_id, i.expiration_date, i.strike_price, i.option_type`;
  for (const { chainId, ...row } of rows) {
    const contracts = result.get(chainId) ?? [];
    contracts.push({ ...row, daysToExpiration: daysToExpiration(options.today, row.expiration) });
    result.set(chainId, contracts);
  }
  return result;
}
