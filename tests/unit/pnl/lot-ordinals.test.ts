import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computePnl, type PnlCorporateAction } from "@/lib/pnl";
import { LotOrdinals } from "@/lib/pnl/rows/lot-ordinals";
import { historyArbitrary } from "./support/history-arbitrary";

// A lot is known by its opening execution, its closer and its ordinal (the stored lot keys are
// made of them): the ordinal counts the lots of one opening execution and one closer, in the
// order the result lists them, so no two lots share all three.

describe("lot ordinals", () => {
  it("number the lots of one opening fill and one closer 1, 2, 3 in order, apart from other pairs", () => {
    const ordinals = new LotOrdinals(3);
    const pairs: [number, number][] = [
      [0, 7],
      [0, 8],
      [0, 7],
      [1, 7],
      [0, 7],
      [1, -1],
      [1, 7],
      [2, -3],
      [2, -1],
    ];
    expect(pairs.map(([open, closer]) => ordinals.next(open, closer))).toEqual([1, 1, 2, 1, 3, 1, 2, 1, 1]);
  });

  it("give what counting each pair gives", () => {
    const closer = fc.integer({ min: -4, max: 3 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), closer), { maxLength: 60 }), (pairs) => {
        const ordinals = new LotOrdinals(4);
        const counts = new Map<string, number>();
        for (const [open, by] of pairs) {
          const expected = (counts.get(`${open}>${by}`) ?? 0) + 1;
          counts.set(`${open}>${by}`, expected);
          expect(ordinals.next(open, by)).toBe(expected);
        }
      }),
    );
  });

  it("are the engine's lots' numbers by their opening execution's and closer's ids", () => {
    const split = fc.record({
      symbol: fc.constantFrom("AAA", "BBB", "CCC"),
      day: fc.integer({ min: 0, max: 50 }),
      ratio: fc.constantFrom(["2", "1"], ["3", "2"], ["1", "10"]),
    });
    fc.assert(
      fc.property(historyArbitrary, fc.array(split, { maxLength: 2 }), ({ input }, splits) => {
        const corporateActions = splits.map(
          (action, index): PnlCorporateAction => ({
            id: `ca${index}`,
            accountId: "acct",
            date: new Date(Date.UTC(2024, 0, 2) + action.day * 86_400_000).toISOString().slice(0, 10),
            symbol: action.symbol,
            type: "split",
            sharesAfter: action.ratio[0] as string,
            sharesBefore: action.ratio[1] as string,
          }),
        );
        const result = computePnl({ ...input, corporateActions });
        const counts = new Map<string, number>();
        for (const lot of result.matches) {
          const pair = `${lot.openExecutionId}>${lot.closeExecutionId ?? lot.closeEventId ?? "inferred"}`;
          const expected = (counts.get(pair) ?? 0) + 1;
          counts.set(pair, expected);
          expect(lot.ordinal).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
