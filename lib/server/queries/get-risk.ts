import "server-only";
import {
  type ContractGreeks,
  expiryWeekEnd,
  type PortfolioGreeks,
  type PositionRisk,
  portfolioGreeks,
  positionRisk,
} from "@/lib/risk";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import {
  type MarketDataSource,
  marketDataSourceOf,
  OPTION_MARK_TABLE,
  STOCK_MARK_TABLE,
} from "@/lib/server/marks/market-data-source";
import { type ContractView, contractView, decimalText } from "./decimal-text";
import { byExpiryUnderlyingStrike, withContracts } from "./position-row";

/** One open option position with what "risk now" says about it. */
export type RiskPositionView = {
  id: string;
  chainId: string | null;
  /** The chain's strategy label ("bull-put-spread", …); null without a chain or a label. */
  strategy: string | null;
  contract: ContractView;
  side: "LONG" | "SHORT";
  /** Contracts, signed: negative for a short. */
  quantity: string;
  underlyingPrice: string | null;
  /** When the underlying's quote was taken (ISO), null without one. */
  quotedAt: string | null;
  /** When the mark whose Greeks are shown was taken (ISO), null without a mark. */
  greeksAsOf: string | null;
  risk: PositionRisk;
};

export type RiskPage = {
  today: string;
  /** The last day "expires this week" reaches (a Friday). */
  weekEnd: string;
  positions: RiskPositionView[];
  totals: PortfolioGreeks;
  expiringThisWeek: RiskPositionView[];
  assignmentRisks: RiskPositionView[];
};

export type GetRiskOptions = { robinhoodUserId: string; today: string; db?: Database };

type MarkRow = ContractGreeks & { instrument_id: string; as_of: Date };
type QuoteRow = { symbol: string; price: string; as_of: Date };

/**
 * The Risk page: every open option position with its latest mark's Greeks and its underlying's
 * latest quote (each from the user's market-data source), run through `lib/risk`.
 */
export async function getRisk(options: GetRiskOptions): Promise<RiskPage> {
  const read = await readAsUser(options, async (tx, user) => {
    const positions = (
      await withContracts(tx, await tx.openPosition.findMany({ where: { userId: user.id } }))
    ).sort(byExpiryUnderlyingStrike);
    const source = await marketDataSourceOf(tx, user);
    const marks = await latestMarks(tx, source, [...new Set(positions.map((p) => p.instrumentId))]);
    const quotes = await latestQuotes(tx, source, [
      ...new Set(positions.map((p) => p.instrument.underlying)),
    ]);
    return { positions, marks, quotes };
  });

  const positions = read.positions.map((position): RiskPositionView => {
    const contract = contractView(position.instrument);
    const mark = read.marks.get(position.instrumentId);
    const quote = read.quotes.get(contract.underlying);
    const quantity = decimalText(position.quantity);
    const signed = position.side === "SHORT" && !quantity.startsWith("-") ? `-${quantity}` : quantity;
    return {
      id: position.id,
      chainId: position.chainId,
      strategy: position.chain?.strategy ?? null,
      contract,
      side: position.side,
      quantity: signed,
      underlyingPrice: quote?.price ?? null,
      quotedAt: quote?.as_of.toISOString() ?? null,
      greeksAsOf: mark?.as_of.toISOString() ?? null,
      risk: positionRisk(
        {
          optionType: contract.optionType === "CALL" ? "call" : "put",
          strike: contract.strike,
          expiration: contract.expiration,
          multiplier: contract.multiplier,
          side: position.side,
          quantity: signed,
          greeks: mark
            ? {
                delta: mark.delta,
                gamma: mark.gamma,
                theta: mark.theta,
                vega: mark.vega,
                impliedVolatility: mark.impliedVolatility,
              }
            : null,
          underlyingPrice: quote?.price ?? null,
        },
        options.today,
      ),
    };
  });
  return {
    today: options.today,
    weekEnd: expiryWeekEnd(options.today),
    positions,
    totals: portfolioGreeks(positions.map((position) => position.risk)),
    expiringThisWeek: positions.filter((position) => position.risk.expiresThisWeek),
    assignmentRisks: positions.filter((position) => position.risk.assignmentRisk === true),
  };
}

/** The latest mark of each contract, with its Greeks (trailing zeros trimmed, exact). */
async function latestMarks(tx: UserTransaction, source: MarketDataSource, instrumentIds: string[]) {
  if (instrumentIds.length === 0) return new Map<string, MarkRow>();
  const rows = await tx.$queryRawUnsafe<MarkRow[]>(
    `SELECT DISTINCT ON (instrument_id) instrument_id::text AS instrument_id, as_of,
            trim_scale(delta)::text AS delta, trim_scale(gamma)::text AS gamma,
            trim_scale(theta)::text AS theta, trim_scale(vega)::text AS vega,
            trim_scale(implied_volatility)::text AS "impliedVolatility"
     FROM ${OPTION_MARK_TABLE[source]} WHERE instrument_id = ANY($1::uuid[])
     ORDER BY instrument_id, as_of DESC`,
    instrumentIds,
  );
  return new Map(rows.map((row) => [row.instrument_id, row]));
}

/** The latest quote of each underlying. */
async function latestQuotes(tx: UserTransaction, source: MarketDataSource, symbols: string[]) {
  if (symbols.length === 0) return new Map<string, QuoteRow>();
  const rows = await tx.$queryRawUnsafe<QuoteRow[]>(
    `SELECT DISTINCT ON (symbol) symbol, trim_scale(mark_price)::text AS price, as_of
     FROM ${STOCK_MARK_TABLE[source]} WHERE symbol = ANY($1::text[]) ORDER BY symbol, as_of DESC`,
    symbols,
  );
  return new Map(rows.map((row) => [row.symbol, row]));
}
