import { add, formatMoney, type Micro } from "@/lib/money";
import { summarizeContracts, summarizeUnderlyings } from "./aggregate";
import { buildChains } from "./chains/build-chains";
import { DayLedger } from "./day-ledger";
import type { LifecycleState } from "./lots/lifecycle";
import { replayAll } from "./lots/replay";
import { MarkBook } from "./marks";
import { normalizeInput } from "./normalize";
import { reconcile } from "./reconcile";
import type { PnlIssue, PnlResult } from "./result-types";
import { detectRolls } from "./rolls/detect-rolls";
import { replayStock } from "./stock";
import { formatStock } from "./stock-output";
import type { PnlInput } from "./types";
import { valueOpenLots } from "./valuation";

/** Bumped whenever the same input can produce a different result; recompute runs record it. */
export const ENGINE_VERSION = "1.0.0";

/**
 * Computes realized and unrealized P&L, open positions, stock delivered by assignments and
 * exercises, roll chains and a reconciliation from plain input. Pure: no I/O, no clock, and the
 * same input in any order gives the same result. Throws `PnlInputError` for malformed input;
 * trading anomalies (a close with no open, an expiry with no event) are reported in `issues`.
 */
export function computePnl(input: PnlInput): PnlResult {
  const normalized = normalizeInput(input);
  const { books, asOf, asOfDay } = normalized;
  const state: LifecycleState = {
    matches: [],
    matchEpisodes: [],
    realized: 0,
    days: new DayLedger(),
    episodes: [],
    issues: normalized.issues,
    unmatchedCloseCash: 0,
    stockFlows: [],
  };
  const { executions } = normalized;
  replayAll(state, {
    executions,
    events: normalized.events,
    books,
    asOfDay,
    sorted: normalized.executionsSorted,
  });

  const marks = new MarkBook(input.marks ?? {}, input.stockMarks ?? {});
  const valuation = valueOpenLots(books, marks);
  const rolls = detectRolls(executions);
  const { chains, chainIds } = buildChains({ episodes: state.episodes, rolls, asOf });
  valuation.openLots.forEach((lot, index) => {
    lot.chainId = chainIds[valuation.openLotEpisodes[index] ?? -1] ?? "";
  });
  state.matches.forEach((match, index) => {
    match.chainId = chainIds[state.matchEpisodes[index]?.index ?? -1] ?? "";
  });
  const stockReplay = replayStock(state.stockFlows);
  const stock = formatStock(stockReplay, marks);

  for (const match of stockReplay.matches) {
    state.days.stock(match.close.event.dayNumber, match.close.event.day, match.realized);
  }
  const realized = state.realized;
  let fees: Micro = 0;
  let cashFlow: Micro = 0;
  for (const book of books) {
    fees = add(fees, book.fees);
    cashFlow = add(cashFlow, book.cashFlow);
  }
  const issues: PnlIssue[] = [...state.issues, ...valuation.issues];

  return {
    engineVersion: ENGINE_VERSION,
    asOf,
    totals: {
      realized: formatMoney(realized),
      unrealized: formatMoney(valuation.unrealized),
      fees: formatMoney(fees),
      cashFlow: formatMoney(cashFlow),
      marketValue: formatMoney(valuation.marketValue),
      openPositions: valuation.positions.length,
      unmarkedPositions: valuation.unmarkedPositions,
      stockRealized: formatMoney(stock.realized),
      stockUnrealized: formatMoney(stock.unrealized),
      stockCashFlow: formatMoney(stock.cashFlow),
    },
    contracts: summarizeContracts(books),
    byUnderlying: summarizeUnderlyings(books, stock.realizedByUnderlying),
    byDay: state.days.summaries(),
    matches: state.matches,
    openLots: valuation.openLots,
    openPositions: valuation.positions,
    stockPositions: stock.positions,
    stockMatches: stock.matches,
    chains,
    issues,
    reconciliation: {
      options: reconcile({
        realized,
        unrealized: valuation.unrealized,
        cashFlow,
        marketValue: valuation.marketValue,
        unmatchedCloseCash: state.unmatchedCloseCash,
        unmarkedOpenCash: valuation.unmarkedOpenCash,
      }),
      stock: reconcile({
        realized: stock.realized,
        unrealized: stock.unrealized,
        cashFlow: stock.cashFlow,
        marketValue: stock.marketValue,
        unmatchedCloseCash: 0,
        unmarkedOpenCash: stock.unmarkedOpenCash,
      }),
    },
  };
}
