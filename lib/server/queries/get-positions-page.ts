import "server-only";
import { daysToExpiration, maxProfitCaptured, PERCENT_DIGITS } from "@/lib/analytics";
import { formatMoney, type Micro, parseDecimal, ratioText, tryParseDecimal } from "@/lib/money";
import { STRATEGY_LABELS, STRATEGY_NAMES } from "@/lib/pnl";
import { cachedUserRead } from "@/lib/server/cache/cached-user-read";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { marketDataSourceOf, STOCK_MARK_TABLE } from "@/lib/server/marks/market-data-source";
import { type OpenPositionRow, openPositionRow, withContracts } from "./position-row";
import { POSITIONS_PAGE_SIZE, type PositionSort, type PositionSortColumn } from "./position-sorts";
import { type StockPositionRow, stockPositionRow } from "./stock-position-row";

/** An open option position with what a trader checks first: time left, the stock, progress. */
export type PositionView = OpenPositionRow & {
  /** Calendar days to expiration from today (negative once past it). */
  daysToExpiration: number;
  /** The underlying's latest quote, when sync has one (it quotes every live contract's underlying). */
  underlyingPrice: string | null;
  /** Percent of a short's maximum profit captured, one decimal; null for longs and unmarked positions. */
  maxProfitCaptured: string | null;
};

/** Sums over every position the filter matches (not only the page shown), exact, by PostgreSQL. */
export type PositionTotals = {
  positions: number;
  /** Opening cash, fees included (credits positive). */
  costBasis: string;
  /** Of the marked positions. */
  marketValue: string;
  unrealized: string;
  unmarked: number;
};

export type PositionsPage = {
  /** One page of the open option positions that match the filter, in the requested order. */
  options: PositionView[];
  totals: PositionTotals;
  /** Open option positions, filter aside. */
  total: number;
  page: number;
  pageCount: number;
  stock: StockPositionRow[];
};

export type GetPositionsPageOptions = {
  robinhoodUserId: string;
  today: string;
  /** 1-based; a page past the end gives the last page. */
  page?: number;
  pageSize?: number;
  /** Nearest expiry first when not given. */
  sort?: PositionSort;
  /** Words that each must match the symbol, "call"/"put", "long"/"short" or the strategy's name. */
  search?: string;
  db?: Database;
};

// Fixed SQL per whitelisted key; `%DIR%` becomes ASC or DESC. Missing values (no mark yet) go last.
const ORDER_BY: Record<PositionSortColumn, string> = {
  contract: "i.underlying %DIR%, i.expiration_date %DIR%, i.strike_price %DIR%",
  side: "p.side %DIR%, i.option_type %DIR%",
  quantity: "abs(p.quantity) %DIR%",
  dte: "i.expiration_date %DIR%",
  "average-price": "p.average_open_price %DIR%",
  mark: "p.mark_price %DIR% NULLS LAST",
  "market-value": "p.market_value %DIR% NULLS LAST",
  unrealized: "p.unrealized_pnl %DIR% NULLS LAST",
  strategy: "c.strategy %DIR% NULLS LAST",
};
const DEFAULT_ORDER = "i.expiration_date ASC, i.underlying ASC, i.strike_price ASC";

const FROM = `FROM open_positions p
  JOIN option_instruments i ON i.id = p.instrument_id
  LEFT JOIN roll_chains c ON c.id = p.chain_id`;

/**
 * The Positions page: a page of open options (sorted and paged in SQL) with days to expiration, the
 * underlying's price and progress, totals over everything the filter matches, and the stock ledger.
 * Cached per user and data version (lib/server/cache).
 */
export async function getPositionsPage(options: GetPositionsPageOptions): Promise<PositionsPage> {
  const pageSize = options.pageSize ?? POSITIONS_PAGE_SIZE;
  const search = (options.search ?? "").trim().toLowerCase();
  return cachedUserRead(
    {
      robinhoodUserId: options.robinhoodUserId,
      db: options.db,
      key: ["positions", options.today, options.page ?? 1, pageSize, options.sort ?? null, search],
    },
    () =>
      readAsUser(options, async (tx, user) => {
        const where = filterSql(search, 2);
        const params = [user.id, ...where.params];
        const [totals] = await tx.$queryRawUnsafe<TotalsRow[]>(
          `SELECT count(*)::int AS positions,
                  coalesce(sum(p.cost_basis), 0)::text AS cost_basis,
                  coalesce(sum(p.market_value) FILTER (WHERE p.unrealized_pnl IS NOT NULL), 0)::text AS market_value,
                  coalesce(sum(p.unrealized_pnl), 0)::text AS unrealized,
                  count(*) FILTER (WHERE p.unrealized_pnl IS NULL)::int AS unmarked,
                  (SELECT count(*) FROM open_positions WHERE user_id = $1::uuid)::int AS total
           ${FROM} WHERE p.user_id = $1::uuid ${where.sql}`,
          ...params,
        );
        const matching = totals?.positions ?? 0;
        const pageCount = Math.max(1, Math.ceil(matching / pageSize));
        const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount);
        const order = options.sort
          ? `${ORDER_BY[options.sort.column].replaceAll("%DIR%", options.sort.descending ? "DESC" : "ASC")}, ${DEFAULT_ORDER}`
          : DEFAULT_ORDER;
        const ids = await tx.$queryRawUnsafe<{ id: string }[]>(
          `SELECT p.id::text AS id ${FROM} WHERE p.user_id = $1::uuid ${where.sql}
           ORDER BY ${order}, p.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
          ...params,
        );
        const rows = await withContracts(
          tx,
          await tx.openPosition.findMany({
            where: { userId: user.id, id: { in: ids.map((row) => row.id) } },
          }),
        );
        const byId = new Map(rows.map((row) => [row.id, openPositionRow(row)]));
        const positions = ids.flatMap((row) => byId.get(row.id) ?? []);
        const prices = await underlyingPrices(tx, user, [
          ...new Set(positions.map((position) => position.contract.underlying)),
        ]);
        const stock = await tx.stockPosition.findMany({
          where: { userId: user.id },
          orderBy: [{ symbol: "asc" }, { id: "asc" }],
        });
        return {
          options: positions.map((position) => positionView(position, options.today, prices)),
          totals: {
            positions: matching,
            // Stored money is micro-exact (the engine's unit): parseDecimal throws rather than drop a digit.
            costBasis: formatMoney(parseDecimal(totals?.cost_basis ?? "0")),
            marketValue: formatMoney(parseDecimal(totals?.market_value ?? "0")),
            unrealized: formatMoney(parseDecimal(totals?.unrealized ?? "0")),
            unmarked: totals?.unmarked ?? 0,
          },
          total: totals?.total ?? 0,
          page,
          pageCount,
          stock: stock.map(stockPositionRow),
        };
      }),
  );
}

type TotalsRow = {
  positions: number;
  cost_basis: string;
  market_value: string;
  unrealized: string;
  unmarked: number;
  total: number;
};

/** Each word must match the symbol, the option type, the side or a strategy name, as parameters. */
function filterSql(search: string, firstParam: number): { sql: string; params: unknown[] } {
  const words = search.split(/\s+/).filter((word) => word !== "");
  const params: unknown[] = [];
  const clauses = words.map((word) => {
    const labels = STRATEGY_LABELS.filter((label) => STRATEGY_NAMES[label].toLowerCase().includes(word));
    params.push(word, labels);
    const text = `$${firstParam + params.length - 2}::text`;
    const strategies = `$${firstParam + params.length - 1}::text[]`;
    return `(strpos(lower(i.underlying || ' ' || i.option_type::text || ' ' || p.side::text), ${text}) > 0
             OR c.strategy = ANY(${strategies}))`;
  });
  return { sql: clauses.map((clause) => `AND ${clause}`).join(" "), params };
}

async function underlyingPrices(
  tx: UserTransaction,
  user: { id: string; robinhoodUserId: string },
  symbols: string[],
): Promise<Map<string, string>> {
  if (symbols.length === 0) return new Map();
  const table = STOCK_MARK_TABLE[await marketDataSourceOf(tx, user)];
  const rows = await tx.$queryRawUnsafe<{ symbol: string; price: string }[]>(
    `SELECT DISTINCT ON (symbol) symbol, trim_scale(mark_price)::text AS price
     FROM ${table} WHERE symbol = ANY($1::text[]) ORDER BY symbol, as_of DESC`,
    symbols,
  );
  return new Map(rows.map((row) => [row.symbol, row.price]));
}

const exact = (value: string | null): Micro | null => (value === null ? null : tryParseDecimal(value));

function positionView(position: OpenPositionRow, today: string, prices: Map<string, string>): PositionView {
  const average = exact(position.averagePrice);
  const captured =
    average === null
      ? null
      : maxProfitCaptured({ side: position.side, averagePrice: average, mark: exact(position.mark) });
  return {
    ...position,
    daysToExpiration: daysToExpiration(today, position.contract.expiration),
    underlyingPrice: prices.get(position.contract.underlying) ?? null,
    maxProfitCaptured: captured && ratioText(captured, { digits: PERCENT_DIGITS, scale: 100 }),
  };
}
