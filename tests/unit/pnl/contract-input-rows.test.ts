import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatQuantity } from "@/lib/money";
import {
  computePnl,
  contractInputRows,
  contractKey,
  forEachMatchedLot,
  type PnlContractColumns,
  toPnlColumns,
} from "@/lib/pnl";
import { formatDay } from "@/lib/pnl/dates";
import { fill, input, lifecycle, option } from "./support/builders";
import { split } from "./support/corporate-actions";
import { historyArbitrary } from "./support/history-arbitrary";

// A writer finds its own record of a lot's contract (recompute: the instrument) by the row of the
// input's contract columns the engine gives with each lot, and of any contract by its key through
// `contractInputRows`: both must name the first row with the lot's contract, or none.

function keyOfRow(contracts: PnlContractColumns, row: number): string {
  return contractKey({
    underlying: contracts.underlying[row] as string,
    expiration: formatDay(contracts.expirationDay[row] as number),
    optionType: contracts.optionType[row] === 0 ? "call" : "put",
    strike: formatQuantity(contracts.strike[row] as number),
    multiplier: formatQuantity(contracts.multiplier[row] as number),
  });
}

function firstRowOf(contracts: PnlContractColumns, key: string): number {
  for (let row = 0; row < contracts.count; row++) if (keyOfRow(contracts, row) === key) return row;
  return -1;
}

describe("the input row of a result's contracts", () => {
  it("names, for every lot and by key, the first contract row with the lot's contract", () => {
    fc.assert(
      fc.property(historyArbitrary, ({ input }) => {
        const columns = toPnlColumns(input);
        // The same contract in a second row too: the first row is the one named.
        const contracts = columns.contracts;
        const doubled: PnlContractColumns = {
          count: contracts.count * 2,
          underlying: [...contracts.underlying, ...contracts.underlying],
          expirationDay: Int32Array.from([...contracts.expirationDay, ...contracts.expirationDay]),
          optionType: Uint8Array.from([...contracts.optionType, ...contracts.optionType]),
          strike: Float64Array.from([...contracts.strike, ...contracts.strike]),
          multiplier: Float64Array.from([...contracts.multiplier, ...contracts.multiplier]),
        };
        const executions = { ...columns.executions };
        executions.contract = executions.contract.map((row, fill) =>
          fill % 2 === 0 ? row : row + contracts.count,
        );
        const result = computePnl({ ...columns, contracts: doubled, executions });
        const rowOf = contractInputRows(result);
        forEachMatchedLot(result, {
          visitLot: (lot) => {
            expect(lot.contractRow).toBe(firstRowOf(doubled, lot.contractKey));
            expect(lot.contractRow).toBeGreaterThanOrEqual(0);
            expect(rowOf.get(lot.contractKey)).toBe(lot.contractRow);
          },
        });
        for (const position of result.openPositions)
          expect(rowOf.get(position.contractKey)).toBe(firstRowOf(doubled, position.contractKey));
        // A copy has no engine tables behind it: no row is known, and the key is the way.
        const copy = structuredClone(result);
        forEachMatchedLot(copy, { visitLot: (lot) => expect(lot.contractRow).toBe(-1) });
        for (const lot of result.matches) expect(contractInputRows(copy).has(lot.contractKey)).toBe(false);
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it("names none for a contract only a corporate action made", () => {
    const before = option("XYZ 2024-07-19 160 call");
    const after = option("XYZ 2024-07-19 80 call");
    const result = computePnl(
      toPnlColumns(
        input({
          asOf: "2024-07-22",
          executions: [
            fill({
              id: "sto",
              code: "STO",
              contract: before,
              quantity: "1",
              price: "3.00",
              date: "2024-06-03",
            }),
          ],
          corporateActions: [split({ id: "spl", date: "2024-06-10", symbol: "XYZ", ratio: "2:1" })],
          events: [
            lifecycle({ id: "exp", type: "expiration", contract: after, quantity: "2", date: "2024-07-19" }),
          ],
        }),
      ),
    );
    const lots: { contractKey: string; contractRow: number }[] = [];
    forEachMatchedLot(result, {
      visitLot: ({ contractKey, contractRow }) => lots.push({ contractKey, contractRow }),
    });
    expect(lots).toEqual([{ contractKey: contractKey(after), contractRow: -1 }]);
    expect(contractInputRows(result).has(contractKey(after))).toBe(false);
    expect(contractInputRows(result).get(contractKey(before))).toBe(0);
  });
});
