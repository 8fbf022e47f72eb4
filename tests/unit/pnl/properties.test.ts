import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimal } from "@/lib/money";
import { computePnl, type PnlResult } from "@/lib/pnl";
import { reconcile } from "@/lib/pnl/reconcile";
import { historyArbitrary, shuffled } from "./support/history-arbitrary";

const RUNS = 10_000;

function closedBeyondOpen(input: Parameters<typeof computePnl>[0], result: PnlResult): string | null {
  const matched = new Map<string, number>();
  const closedBy = new Map<string, number>();
  for (const match of result.matches) {
    matched.set(
      match.openExecutionId,
      (matched.get(match.openExecutionId) ?? 0) + parseDecimal(match.quantity),
    );
    if (match.closeExecutionId !== null) {
      closedBy.set(
        match.closeExecutionId,
        (closedBy.get(match.closeExecutionId) ?? 0) + parseDecimal(match.quantity),
      );
    }
  }
  const stillOpen = new Map<string, number>();
  for (const lot of result.openLots) stillOpen.set(lot.openExecutionId, parseDecimal(lot.quantity));
  for (const execution of input.executions) {
    const quantity = parseDecimal(execution.quantity);
    if (execution.positionEffect === "open") {
      // Every opened contract is either matched or still open — never both, never more.
      const accounted = (matched.get(execution.id) ?? 0) + (stillOpen.get(execution.id) ?? 0);
      if (accounted !== quantity) return `lot ${execution.id}: opened ${quantity}, accounted ${accounted}`;
    } else if ((closedBy.get(execution.id) ?? 0) > quantity) {
      return `close ${execution.id} matched more than its quantity`;
    }
  }
  return null;
}

/**
 * The stock ledger's positions must be exactly the signed sum of every share that moved: trades, and
 * the deliveries of assignments (a call sells, a put buys) and exercises (the other way round).
 */
function sharesUnaccounted(input: Parameters<typeof computePnl>[0], result: PnlResult): string | null {
  const expected = new Map<string, number>();
  const move = (symbol: string, shares: number) => expected.set(symbol, (expected.get(symbol) ?? 0) + shares);
  for (const trade of input.stockTrades ?? []) {
    if (trade.tradeDate > input.asOf) continue;
    const shares = parseDecimal(trade.quantity);
    move(trade.symbol, trade.side === "buy" ? shares : -shares);
  }
  for (const event of input.events) {
    if (event.type === "expiration" || event.date > input.asOf) continue;
    const shares = (parseDecimal(event.quantity) * parseDecimal(event.contract.multiplier)) / 1_000_000;
    const call = event.contract.optionType === "call";
    const buys = event.type === "exercise" ? call : !call;
    move(event.contract.underlying, buys ? shares : -shares);
  }
  for (const [symbol, shares] of expected) {
    const position = result.stockPositions.find((item) => item.underlying === symbol);
    const held = position === undefined ? 0 : parseDecimal(position.quantity);
    if (held !== shares)
      return `${symbol}: ledger holds ${held} micros of shares, trades and deliveries say ${shares}`;
  }
  return null;
}

/**
 * Every opening fill is in exactly one strategy position, and every leg of a position lives in the
 * position's chain (legs opened together are one chain).
 */
function strategiesOutsideChains(input: Parameters<typeof computePnl>[0], result: PnlResult): string | null {
  const chainOfLot = new Map<string, string>();
  for (const match of result.matches) chainOfLot.set(match.openExecutionId, match.chainId);
  for (const lot of result.openLots) chainOfLot.set(lot.openExecutionId, lot.chainId);
  const chainIds = new Set(result.chains.map((chain) => chain.id));
  const seen = new Set<string>();
  for (const position of result.strategies) {
    if (!chainIds.has(position.chainId)) return `strategy ${position.id}: no chain ${position.chainId}`;
    for (const id of position.openExecutionIds) {
      if (seen.has(id)) return `opening fill ${id} in two strategy positions`;
      seen.add(id);
      const chain = chainOfLot.get(id);
      if (chain !== undefined && chain !== position.chainId) return `fill ${id} outside its position's chain`;
    }
  }
  // Every opening fill that made a lot (inputs the engine left out make none) is in a position.
  for (const id of chainOfLot.keys()) if (!seen.has(id)) return `opening fill ${id} in no strategy position`;
  return input.executions.length > 0 || seen.size === 0 ? null : "positions without fills";
}

describe("engine properties on generated histories", () => {
  it(`holds the reconciliation identity for options and stock separately, never closes a lot beyond what was open, accounts for every share, and ignores input order (${RUNS} histories)`, () => {
    fc.assert(
      fc.property(historyArbitrary, ({ input, shuffleSeed }) => {
        const result = computePnl(input);
        expect(result.reconciliation.options.difference).toBe("0.00");
        expect(result.reconciliation.options.holds).toBe(true);
        expect(result.reconciliation.stock.holds).toBe(true);
        expect(result.reconciliation.stock.difference).toBe("0.00");
        expect(closedBeyondOpen(input, result)).toBeNull();
        expect(sharesUnaccounted(input, result)).toBeNull();
        expect(strategiesOutsideChains(input, result)).toBeNull();
        const reordered = computePnl({
          ...input,
          executions: shuffled(input.executions, shuffleSeed),
          events: shuffled(input.events, shuffleSeed + 1),
          stockTrades: shuffled(input.stockTrades ?? [], shuffleSeed + 2),
        });
        expect(JSON.stringify(reordered)).toBe(JSON.stringify(result));
      }),
      { numRuns: RUNS },
    );
  }, 240_000);

  it("the identity check can fail: one micro of realized P&L too many is caught", () => {
    const terms = {
      realized: 1_000_000,
      unrealized: 0,
      cashFlow: 1_000_000,
      marketValue: 0,
      unmatchedCloseCash: 0,
      unmarkedOpenCash: 0,
    };
    expect(reconcile(terms).holds).toBe(true);
    expect(reconcile({ ...terms, realized: 1_000_001 })).toMatchObject({
      holds: false,
      difference: "0.000001",
    });
  });

  it("the generated histories exercise partial closes, events, rolls, orphans and missing marks", () => {
    const samples = fc
      .sample(historyArbitrary, { numRuns: 500, seed: 7 })
      .map(({ input }) => computePnl(input));
    const share = (test: (result: PnlResult) => boolean) => samples.filter(test).length / samples.length;
    expect(share((result) => result.matches.some((match) => match.closeKind === "trade"))).toBeGreaterThan(
      0.5,
    );
    expect(
      share((result) => result.matches.some((match) => match.closeKind === "assignment")),
    ).toBeGreaterThan(0.1);
    expect(
      share((result) =>
        result.openLots.some((lot) =>
          result.matches.some((match) => match.openExecutionId === lot.openExecutionId),
        ),
      ),
    ).toBeGreaterThan(0.1);
    expect(
      share((result) => result.matches.some((match) => match.closeKind === "expiration-inferred")),
    ).toBeGreaterThan(0.1);
    expect(share((result) => result.chains.some((chain) => chain.rolls.length > 0))).toBeGreaterThan(0.2);
    expect(
      share((result) => result.issues.some((issue) => issue.code === "close-without-position")),
    ).toBeGreaterThan(0.05);
    expect(share((result) => result.issues.some((issue) => issue.code === "missing-mark"))).toBeGreaterThan(
      0.1,
    );
    expect(share((result) => result.stockMatches.length > 0)).toBeGreaterThan(0.2);
    expect(
      share((result) => result.stockMatches.some((match) => match.openTradeId !== null)),
    ).toBeGreaterThan(0.2);
    expect(
      share((result) => result.stockMatches.some((match) => match.direction === "short")),
    ).toBeGreaterThan(0.05);
    expect(
      share((result) =>
        result.stockMatches.some((match) => match.openTradeId === null || match.closeTradeId === null),
      ),
    ).toBeGreaterThan(0.01);
    expect(share((result) => result.wheelCycles.length > 0)).toBeGreaterThan(0.05);
    expect(share((result) => result.strategies.some((position) => position.legs.length > 1))).toBeGreaterThan(
      0.2,
    );
    expect(share((result) => result.chains.some((chain) => chain.legOuts.length > 0))).toBeGreaterThan(0.02);
  }, 60_000);
});
