import "server-only";
import { isDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";

/**
 * Where a user's market data comes from: Robinhood, or the simulated Robinhood behind the demo. Each
 * source has its own mark table, so a demo sync can never change the marks a real user's recompute
 * reads, and a demo recompute never reads Robinhood's.
 */
export type MarketDataSource = "robinhood" | "demo";

/** The option mark table of each source. */
export const OPTION_MARK_TABLE = {
  robinhood: "option_marks",
  demo: "demo_option_marks",
} as const satisfies Record<MarketDataSource, string>;

/** The stock quote table of each source. */
export const STOCK_MARK_TABLE = {
  robinhood: "stock_marks",
  demo: "demo_stock_marks",
} as const satisfies Record<MarketDataSource, string>;

/**
 * The market-data source of the user of this transaction. A demo identity says so by itself; any
 * other user by its demo flag (a demo user from before demo identities existed has one), read with
 * the transaction's upsert of the user or asked here.
 */
export async function marketDataSourceOf(tx: UserTransaction, user: ScopedUser): Promise<MarketDataSource> {
  if (isDemoRobinhoodUserId(user.robinhoodUserId)) return "demo";
  if (user.isDemo !== undefined) return user.isDemo ? "demo" : "robinhood";
  const row = await tx.user.findUnique({ where: { id: user.id }, select: { isDemo: true } });
  return row?.isDemo ? "demo" : "robinhood";
}
