import { add, formatMoney, type Micro, parseDecimal } from "@/lib/money";
import { summarizeContracts, summarizeUnderlyings } from "./aggregate";
import { f64, i32 } from "./cells";
import { ChainIndex } from "./chains/build-chains";
import type { ContractRegistry } from "./contract";
import { CorporateActionReplay } from "./corporate-actions/apply-actions";
import { addChainAdjustments } from "./corporate-actions/chain-adjustments";
import { DayLedger } from "./day-ledger";
import type { PnlColumns } from "./input-columns";
import { tradeCloser } from "./lots/fifo";
import type { LifecycleState } from "./lots/lifecycle";
import { replayAll } from "./lots/replay";
import { MarkBook } from "./marks";
import { normalizeInput } from "./normalize";
import { reconcile } from "./reconcile";
import type { PnlIssue, PnlResult } from "./result-types";
import { detectRolls } from "./rolls/detect-rolls";
import { defineLazy } from "./rows/lazy";
import { type MatchedLotVisitor, type MatchRowTables, matchRows, visitMatches } from "./rows/match-rows";
import { openLotRows } from "./rows/open-lot-rows";
import { replayStock } from "./stock";
import { formatStock } from "./stock-output";
import { groupStrategies } from "./strategies/group-strategies";
import { SharesHeld } from "./strategies/shares-held";
import { StrategyIndex } from "./strategies/strategy-index";
import type { PnlInput } from "./types";
import { valueOpenLots } from "./valuation";
import { wheelCycles } from "./wheel/wheel-cycles";

/** The tables each result's matched lots are read from (see `forEachMatchedLot`). */
const matchTables = new WeakMap<PnlResult, MatchRowTables>();
/** The contracts each result was computed over (see `contractInputRows`). */
const contractRegistries = new WeakMap<PnlResult, ContractRegistry>();

/** Bumped whenever the same input can produce a different result; recompute runs record it. */
export const ENGINE_VERSION = "1.1.0";

/**
 * Computes realized and unrealized P&L, open positions, the stock ledger (equity trades and shares
 * delivered by assignments and exercises), roll chains, strategy positions, wheel cycles and a
 * reconciliation from plain input. Pure: no I/O, no clock, and the same input in any order gives the
 * same result. The input is either plain objects (`PnlInput`) or the loader's typed columns
 * (`PnlColumns`, see input-columns.ts); both give the same result. Throws `PnlInputError` for
 * malformed input;
 * trading anomalies (a close with no open, an expiry with no event) are reported in `issues`.
 *
 * Every figure is computed here. The long row lists (`contracts`, `matches`, `openLots`, `chains`,
 * `strategies` and `wheelCycles`) are built from the engine's tables when first read, so a caller
 * that needs only the totals skips formatting rows by the million; reading them gives the same rows
 * every time.
 */
export function computePnl(input: PnlColumns): PnlResult;
export function computePnl(input: PnlInput): PnlResult;
export function computePnl(input: PnlInput | PnlColumns): PnlResult {
  const normalized = normalizeInput(input);
  const { books, fills, asOf, asOfDay } = normalized;
  const state: LifecycleState = {
    fills,
    books,
    episodes: normalized.episodes,
    matches: normalized.matches,
    events: normalized.events,
    order: new Int32Array(0),
    realized: 0,
    days: new DayLedger(),
    issues: normalized.issues,
    unmatchedCloseCash: 0,
    restQuantity: 0,
    restGross: 0,
    restFees: 0,
    tradeCloser: tradeCloser(),
    stockFlows: [],
  };
  const actions =
    normalized.actions.length === 0
      ? null
      : new CorporateActionReplay(normalized.actions, state, normalized.contracts, normalized.finder);
  replayAll(state, { sorted: normalized.fillsSorted, asOfDay, actions });

  const marks = new MarkBook(input.marks ?? {}, input.stockMarks ?? {});
  const valuation = valueOpenLots({ fills, books, episodes: state.episodes, marks });
  // Equity trades and the shares option events delivered share one ledger per account and symbol;
  // renames and splits move and scale its lots like the option positions.
  const stockReplay = replayStock([...normalized.stockTrades, ...state.stockFlows], normalized.actions);
  const stock = formatStock(stockReplay, marks);
  const rolls = detectRolls({ fills, books, episodes: state.episodes, order: state.order });
  // Legs opened together join one chain before any chain is read (chains are grouped on first use).
  const strategies = groupStrategies({ fills, books, episodes: state.episodes, rolls, order: state.order });
  const strategyIndex = new StrategyIndex({
    fills,
    books,
    strategies,
    shares: new SharesHeld(stockReplay.flows, stockReplay.adjustments),
  });
  const chains = new ChainIndex({
    fills,
    books,
    episodes: state.episodes,
    rolls,
    strategies,
    strategyIndex,
    asOf,
  });

  for (const match of stockReplay.matches) {
    state.days.stock(match.close.dayNumber, match.realized);
  }
  const realized = state.realized;
  let fees: Micro = 0;
  let cashFlow: Micro = 0;
  for (let book = 0; book < books.count; book++) {
    fees = add(fees, f64(books.fees, book));
    cashFlow = add(cashFlow, f64(books.cashFlow, book));
  }
  const issues: PnlIssue[] = [...state.issues, ...valuation.issues];
  const rowTables = { ...state, chains, actions };

  const result: PnlResult = {
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
    contracts: [],
    byUnderlying: summarizeUnderlyings(books, stock.realizedByUnderlying),
    byDay: state.days.summaries(),
    matches: [],
    openLots: [],
    openPositions: valuation.positions,
    stockPositions: stock.positions,
    stockMatches: stock.matches,
    chains: [],
    wheelCycles: [],
    strategies: [],
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
  // Redefined in place, so the properties keep their order.
  defineLazy(result, "contracts", () => summarizeContracts(books));
  matchTables.set(result, rowTables);
  contractRegistries.set(result, normalized.contracts);
  defineLazy(result, "matches", () => matchRows(rowTables));
  defineLazy(result, "openLots", () => openLotRows(valuation.openLots, rowTables));
  defineLazy(result, "chains", () =>
    addChainAdjustments(chains.rows(), actions?.adjustments ?? [], (episode) => chains.chainIdOf(episode)),
  );
  defineLazy(result, "wheelCycles", () =>
    wheelCycles({
      fills,
      books,
      matches: state.matches,
      events: normalized.events,
      stockFlows: stockReplay.flows,
      stockAdjustments: stockReplay.adjustments,
      optionAdjustments: actions?.adjustments ?? [],
      bookOfMatch:
        actions === null
          ? null
          : (match) => {
              const episode = i32(state.matches.episode, match);
              return actions.bookOfMatch(episode, match, i32(state.episodes.book, episode));
            },
      asOf,
    }),
  );
  defineLazy(result, "strategies", () =>
    strategyIndex.rows((fill) => chains.chainIdOf(i32(fills.episode, fill))),
  );
  return result;
}

/**
 * Hands each of a result's matched lots to `visitor`, in `result.matches` order, with the money as
 * micros: what a writer of rows reads, without a `MatchedLot` object per lot (see `visitMatches`).
 * A result that did not come from `computePnl` in this process (a copy) is read from its `matches`.
 */
export function forEachMatchedLot(result: PnlResult, visitor: MatchedLotVisitor): void {
  const tables = matchTables.get(result);
  if (tables !== undefined) {
    visitMatches(tables, visitor);
    return;
  }
  for (const lot of result.matches)
    visitor.visitLot({
      ...lot,
      contractRow: -1,
      openFees: parseDecimal(lot.openFees),
      closeFees: parseDecimal(lot.closeFees),
      realized: parseDecimal(lot.realized),
    });
}

/**
 * The row of the input's contract columns that names each contract of a result, by the key the
 * result shows it by (`contractKey`): absent for a contract no row names (an event's only, or one a
 * corporate action made), and for every contract of a result not computed in this process (a copy).
 * The keys are the result's own strings, so a lookup by one compares no text.
 */
export function contractInputRows(result: PnlResult): ReadonlyMap<string, number> {
  const rows = new Map<string, number>();
  const registry = contractRegistries.get(result);
  if (registry === undefined) return rows;
  for (const contract of registry.list) if (contract.inputRow >= 0) rows.set(contract.key, contract.inputRow);
  return rows;
}

/** How many matched lots a result has (`result.matches.length`, without building them). */
export function matchedLotCount(result: PnlResult): number {
  return matchTables.get(result)?.matches.count ?? result.matches.length;
}
