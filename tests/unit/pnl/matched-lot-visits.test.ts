import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimal } from "@/lib/money";
import { computePnl, forEachMatchedLot, type MatchedLot, matchedLotCount, type PnlResult } from "@/lib/pnl";
import { historyArbitrary } from "./support/history-arbitrary";

// A writer reads a result's lots through `forEachMatchedLot` (money as micros, one object reused)
// instead of `result.matches`: both must tell the same lots, in the same order.

// Each lot's contract row is tested in contract-input-rows.test.ts: a list has none.
function visited(result: PnlResult) {
  const lots: object[] = [];
  forEachMatchedLot(result, { visitLot: ({ contractRow: _row, ...lot }) => lots.push(lot) });
  return lots;
}

const asMicros = (lot: MatchedLot) => ({
  ...lot,
  openFees: parseDecimal(lot.openFees),
  closeFees: parseDecimal(lot.closeFees),
  realized: parseDecimal(lot.realized),
});

describe("visiting matched lots", () => {
  it("hands over the lots of result.matches, in order, with their money as micros", () => {
    fc.assert(
      fc.property(historyArbitrary, ({ input }) => {
        const result = computePnl(input);
        // Visited before the list is built, and counted without building it.
        const lots = visited(result);
        expect(matchedLotCount(result)).toBe(lots.length);
        expect(lots).toEqual(result.matches.map(asMicros));
        // A copy of the result (no engine tables behind it) is read from its list.
        const copy = structuredClone(result);
        expect(visited(copy)).toEqual(lots);
        expect(matchedLotCount(copy)).toBe(lots.length);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
