import { describe, expect, it } from "vitest";
import { computePnl, type PnlResult } from "@/lib/pnl";
import { generateHistory } from "@/scripts/bench/generate-history";

/**
 * A generated history large enough for thousands of books, episodes, matches and rolls (the roll
 * tables, which start small, grow several times), checked against facts that do not depend on how
 * the engine stores them.
 */
const history = generateHistory(40_000);
const result = computePnl(history);

function micros(text: string): bigint {
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const value = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0"));
  return text.startsWith("-") ? -value : value;
}

const total = (values: readonly string[]) => values.reduce((sum, value) => sum + micros(value), 0n);

/**
 * The engine does this history in well under a second on an idle machine; recomputing it twice and
 * serializing every row, as the last two tests do, takes several seconds on a 2-core machine shared
 * with other jobs. The limit allows for that load, not for a slower engine (bench:engine measures it).
 */
const UNDER_LOAD = 60_000;

describe("a large generated history", { timeout: UNDER_LOAD }, () => {
  it("has enough of everything to fill the tables", () => {
    expect(result.matches.length).toBeGreaterThan(20_000);
    expect(result.contracts.length).toBeGreaterThan(10_000);
    expect(result.chains.flatMap((chain) => chain.rolls).length).toBeGreaterThan(5_000);
  });

  it("reconciles, and its totals are the sums of its rows", () => {
    expect(result.reconciliation.options.holds).toBe(true);
    expect(result.reconciliation.stock.holds).toBe(true);
    expect(total(result.stockMatches.map((match) => match.realized))).toBe(
      micros(result.totals.stockRealized),
    );
    expect(total(result.matches.map((match) => match.realized))).toBe(micros(result.totals.realized));
    expect(total(result.contracts.map((contract) => contract.realized))).toBe(micros(result.totals.realized));
    expect(total(result.chains.map((chain) => chain.realized))).toBe(micros(result.totals.realized));
  });

  it("links every roll into a chain holding both of its contracts", () => {
    for (const chain of result.chains) {
      const legs = new Set(chain.legs.map((leg) => leg.contractKey));
      for (const roll of chain.rolls) {
        expect(legs.has(roll.from.contractKey) && legs.has(roll.to.contractKey)).toBe(true);
      }
    }
  });

  it("gives every match and open lot a chain that exists", () => {
    const ids = new Set(result.chains.map((chain) => chain.id));
    expect(ids.size).toBe(result.chains.length);
    expect(result.matches.every((match) => ids.has(match.chainId))).toBe(true);
    expect(result.openLots.every((lot) => ids.has(lot.chainId))).toBe(true);
  });

  it("treats equal contracts passed as separate objects as one contract", () => {
    // Every fill and event gets its own copy of its contract, as a row-by-row import would give.
    const copied: PnlResult = computePnl({
      ...history,
      executions: history.executions.map((execution) => ({
        ...execution,
        contract: { ...execution.contract },
      })),
      events: history.events.map((event) => ({ ...event, contract: { ...event.contract } })),
    });
    expect(JSON.stringify(copied)).toBe(JSON.stringify(result));
    // Two full results of 40,000 fills, every row list built (wheel cycles too): slow on a busy machine.
  }, 60_000);

  it("does not depend on the order of its input", () => {
    const reversed: PnlResult = computePnl({
      ...history,
      executions: [...history.executions].reverse(),
      events: [...history.events].reverse(),
      stockTrades: [...(history.stockTrades ?? [])].reverse(),
    });
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(result));
  }, 60_000);
});
