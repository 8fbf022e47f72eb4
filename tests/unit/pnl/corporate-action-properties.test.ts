import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computePnl, type PnlCorporateAction } from "@/lib/pnl";
import { historyArbitrary, shuffled } from "./support/history-arbitrary";

const RUNS = 500;

// Renames and splits of the generated histories' underlyings, on days inside their window.
const actionArbitrary = fc.record({
  rename: fc.boolean(),
  symbol: fc.constantFrom("AAA", "BBB", "CCC"),
  day: fc.integer({ min: 0, max: 50 }),
  ratio: fc.constantFrom(["2", "1"], ["3", "1"], ["3", "2"], ["1", "10"], ["5", "4"]),
});

describe("corporate actions on generated histories", () => {
  it(`move no cash, keep the reconciliation identity and ignore input order (${RUNS} histories)`, () => {
    fc.assert(
      fc.property(
        historyArbitrary,
        fc.array(actionArbitrary, { maxLength: 3 }),
        ({ input, shuffleSeed }, specs) => {
          const corporateActions = specs.map((spec, index): PnlCorporateAction => {
            const base = {
              id: `ca${index}`,
              accountId: "acct",
              date: new Date(Date.UTC(2024, 0, 2) + spec.day * 86_400_000).toISOString().slice(0, 10),
              symbol: spec.symbol,
            };
            return spec.rename
              ? { ...base, type: "rename", newSymbol: `${spec.symbol}N${index}` }
              : {
                  ...base,
                  type: "split",
                  sharesAfter: spec.ratio[0] as string,
                  sharesBefore: spec.ratio[1] as string,
                };
          });
          const plain = computePnl(input);
          const result = computePnl({ ...input, corporateActions });
          expect(result.totals.cashFlow).toBe(plain.totals.cashFlow);
          expect(result.reconciliation.options.holds).toBe(true);
          expect(result.reconciliation.stock.holds).toBe(true);
          // Every step names contracts the result accounts for (the adjusted ones get their own row).
          const known = new Set(result.contracts.map((contract) => contract.contractKey));
          for (const step of result.chains.flatMap((chain) => chain.adjustments)) {
            expect(known.has(step.from.contractKey) && known.has(step.to.contractKey)).toBe(true);
          }
          const reordered = computePnl({
            ...input,
            executions: shuffled(input.executions, shuffleSeed),
            events: shuffled(input.events, shuffleSeed + 1),
            corporateActions: shuffled(corporateActions, shuffleSeed + 2),
          });
          expect(JSON.stringify(reordered)).toBe(JSON.stringify(result));
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
