import "server-only";
import { RobinhoodError, type RobinhoodSession, type StockOrder } from "@/lib/robinhood/client";
import { mapStockOrder } from "./map-stock-order";
import type { ProgressReporter } from "./report-progress";
import type { SnapshotStockFill } from "./robinhood-snapshot";

export type FetchStockFillsOptions = {
  session: RobinhoodSession;
  accountNumbers: readonly string[];
  /** Accounts synced before: their equity orders are fetched from `updatedSince`, others in full. */
  knownAccountNumbers: ReadonlySet<string>;
  /** `updated_at[gte]` for known accounts (the equity-orders watermark minus the overlap), or null. */
  updatedSince: Date | null;
  progress: ProgressReporter;
};

export type FetchedStockFills = {
  fills: SnapshotStockFill[];
  orderCount: number;
  newestOrderUpdate: Date | null;
};

/**
 * Reads equity orders (`GET /orders/`) page by page per account, resolves each traded instrument's
 * ticker through `GET /instruments/{id}/` (once per instrument), and maps every execution to a fill.
 * Orders without executions are counted (their `updated_at` still moves the watermark) but yield no
 * fill. Writes nothing; any failure rejects and the sync commits nothing.
 */
export async function fetchStockFills(options: FetchStockFillsOptions): Promise<FetchedStockFills> {
  const { session } = options;
  const orders = new Map<string, { order: StockOrder; accountNumber: string }>();
  let newestOrderUpdate: Date | null = null;
  for (const accountNumber of options.accountNumbers) {
    const known = options.knownAccountNumbers.has(accountNumber);
    const updatedSince = known && options.updatedSince ? options.updatedSince : undefined;
    for await (const page of session.stockOrderPages({ accountNumber, updatedSince })) {
      for (const order of page) {
        orders.set(order.id, { order, accountNumber });
        const updatedAt = new Date(order.updated_at);
        if (!newestOrderUpdate || updatedAt > newestOrderUpdate) newestOrderUpdate = updatedAt;
      }
      await options.progress.update({ stockOrders: orders.size });
    }
  }

  const traded = [...orders.values()].filter(({ order }) => order.executions.length > 0);
  const symbols = new Map<string, string>();
  for (const { order } of traded) {
    const id = instrumentIdOf(order);
    if (symbols.has(id)) continue;
    const instrument = await session.getStockInstrument(id);
    symbols.set(id, instrument.symbol.toUpperCase());
  }
  const fills = traded.flatMap(({ order, accountNumber }) =>
    mapStockOrder(order, { accountNumber, symbol: symbols.get(instrumentIdOf(order)) as string }),
  );
  return { fills, orderCount: orders.size, newestOrderUpdate };
}

/** The instrument's id from `instrument_id`, or from the `…/instruments/{id}/` link. */
function instrumentIdOf(order: StockOrder): string {
  if (order.instrument_id) return order.instrument_id.toLowerCase();
  const match = /\/instruments\/([^/]+)\/?$/.exec(new URL(order.instrument).pathname);
  if (!match?.[1]) {
    throw new RobinhoodError({
      code: "invalid_response",
      message: `equity order ${order.id} names no instrument id`,
      endpoint: "GET /orders/",
    });
  }
  return match[1].toLowerCase();
}
