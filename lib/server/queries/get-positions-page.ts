import "server-only";
import { daysToExpiration, maxProfitCaptured, PERCENT_DIGITS } from "@/lib/analytics";
import { formatMoney, type Micro, parseDecimal, ratioText, sum, tryParseDecimal } from "@/lib/money";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { marketDataSourceOf, STOCK_MARK_TABLE } from "@/lib/server/marks/market-data-source";
import { getPositions } from "@/lib/server/queries/get-positions";
import type { OpenPositionRow } from "@/lib/server/queries/position-row";
import type { StockPositionRow } from "@/lib/server/queries/stock-position-row";

/** An open option position with what a trader checks first: time left, the stock, progress. */
export type PositionView = OpenPositionRow & {
  /** Calendar days to expiration from today (negative once past it). */
  daysToExpiration: number;
  /** The underlying's latest quote, when sync has one (it quotes every live contract's underlying). */
  underlyingPrice: string | null;
  /** Percent of a short's maximum profit captured, one decimal; null for longs and unmarked positions. */
  maxProfitCaptured: string | null;
};

export type PositionTotals = {
  positions: number;
  /** Opening cash, fees included (credits positive). */
  costBasis: string;
  /** Of the marked positions. */
  marketValue: string;
  unrealized: string;
  unmarked: number;
};

export type PositionsPage = { options: PositionView[]; totals: PositionTotals; stock: StockPositionRow[] };

export type GetPositionsPageOptions = { robinhoodUserId: string; today: string; db?: Database };

const exact = (value: string | null): Micro | null => (value === null ? null : tryParseDecimal(value));

/** The Positions page: open options with days to expiration, the underlying's price and progress, and totals. */
export async function getPositionsPage(options: GetPositionsPageOptions): Promise<PositionsPage> {
  const positions = await getPositions(options);
  const symbols = [...new Set(positions.options.map((position) => position.contract.underlying))];
  const prices = await readAsUser(options, async (tx, user) => {
    if (symbols.length === 0) return new Map<string, string>();
    const table = STOCK_MARK_TABLE[await marketDataSourceOf(tx, user)];
    const rows = await tx.$queryRawUnsafe<{ symbol: string; price: string }[]>(
      `SELECT DISTINCT ON (symbol) symbol, trim_scale(mark_price)::text AS price
       FROM ${table} WHERE symbol = ANY($1::text[]) ORDER BY symbol, as_of DESC`,
      symbols,
    );
    return new Map(rows.map((row) => [row.symbol, row.price]));
  });

  const views = positions.options.map((position): PositionView => {
    const average = exact(position.averagePrice);
    const captured =
      average === null
        ? null
        : maxProfitCaptured({ side: position.side, averagePrice: average, mark: exact(position.mark) });
    return {
      ...position,
      daysToExpiration: daysToExpiration(options.today, position.contract.expiration),
      underlyingPrice: prices.get(position.contract.underlying) ?? null,
      maxProfitCaptured: captured && ratioText(captured, { digits: PERCENT_DIGITS, scale: 100 }),
    };
  });
  const marked = views.filter((view) => view.unrealized !== null);
  // Stored money is micro-exact (the engine's unit): parseDecimal throws rather than drop a digit.
  const total = (values: (string | null)[]) =>
    formatMoney(sum(values.flatMap((value) => (value === null ? [] : [parseDecimal(value)]))));
  return {
    options: views,
    totals: {
      positions: views.length,
      costBasis: total(views.map((view) => view.costBasis)),
      marketValue: total(marked.map((view) => view.marketValue)),
      unrealized: total(marked.map((view) => view.unrealized)),
      unmarked: views.length - marked.length,
    },
    stock: positions.stock,
  };
}
