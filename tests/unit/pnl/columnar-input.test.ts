import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computePnl,
  contractKey,
  type PnlColumns,
  type PnlExecution,
  type PnlInput,
  PnlInputError,
  toPnlColumns,
} from "@/lib/pnl";
import { instantMs } from "@/lib/pnl/dates";
import { importRobinhoodCsv } from "@/lib/robinhood/csv";
import { ExecutionColumnsBuilder, type InstrumentRow } from "@/lib/server/recompute/execution-columns";
import { generateHistory } from "@/scripts/bench/generate-history";
import { generateUserHistory, writeActivityReport } from "@/simulator";
import { DEFAULT_USERS, simulatedUserSchema } from "@/simulator/users";
import { historyArbitrary, shuffled } from "./support/history-arbitrary";

/**
 * The columnar input (`PnlColumns`, what recompute's loader builds) and the object input give the
 * same result, row for row. The columns here come from the loader's own builder, fed the way it is
 * fed from database rows: one instrument per contract, decimals as the database prints them.
 */
function loaderColumns(input: PnlInput): PnlColumns {
  const instruments = new Map<string, InstrumentRow>();
  for (const { contract } of input.executions) {
    const id = contractKey(contract);
    instruments.set(id, {
      id,
      underlying: contract.underlying,
      expiration_date: contract.expiration,
      strike_price: contract.strike,
      option_type: contract.optionType === "call" ? "CALL" : "PUT",
      multiplier: contract.multiplier,
    });
  }
  const builder = new ExecutionColumnsBuilder(input.executions.length, [...instruments.values()]);
  for (const execution of input.executions) {
    builder.add({
      executionId: execution.id,
      accountId: execution.accountId,
      orderId: execution.orderId ?? null,
      instrumentId: contractKey(execution.contract),
      buy: execution.side === "buy",
      open: execution.positionEffect === "open",
      quantity: execution.quantity,
      price: execution.price,
      fees: execution.fees,
      executedAt: instantMs(execution.executedAt),
      tradeDate: execution.tradeDate,
    });
  }
  const { executions: _, ...rest } = input;
  return { ...rest, format: "columns", ...builder.build() };
}

/** Every row list read, so lazily built rows are compared too. */
function everything(input: PnlInput | PnlColumns): string {
  const result = "format" in input ? computePnl(input) : computePnl(input);
  return JSON.stringify(result);
}

describe("the columnar engine input", () => {
  it("gives exactly the object input's result on random histories, in any order (300 histories)", () => {
    fc.assert(
      fc.property(historyArbitrary, ({ input, shuffleSeed }) => {
        const expected = everything(input);
        expect(everything(loaderColumns(input))).toBe(expected);
        expect(everything(toPnlColumns(input))).toBe(expected);
        const reordered = { ...input, executions: shuffled(input.executions, shuffleSeed) };
        expect(everything(loaderColumns(reordered))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  }, 240_000);

  it("gives exactly the object input's result on the simulator's demo history and the benchmark's", () => {
    const demo = simulatedUserSchema.parse(DEFAULT_USERS[0]);
    const history = generateUserHistory(demo, { seed: 20261118, now: "2026-11-18T22:00:00Z" });
    const imported = importRobinhoodCsv(writeActivityReport(history));
    const simulated: PnlInput = {
      executions: imported.executions,
      events: imported.events,
      stockTrades: imported.stockTrades,
      corporateActions: imported.corporateActions,
      marks: {},
      asOf: "2026-11-18",
    };
    expect(simulated.executions.length).toBeGreaterThan(100);
    expect(everything(loaderColumns(simulated))).toBe(everything(simulated));
    const generated = generateHistory(5_000);
    expect(everything(loaderColumns(generated))).toBe(everything(generated));
  }, 120_000);

  it("refuses malformed columns, naming the row and what is wrong", () => {
    const execution: PnlExecution = {
      id: "e1",
      accountId: "acct",
      orderId: null,
      contract: {
        underlying: "AAA",
        expiration: "2030-01-18",
        strike: "50",
        optionType: "call",
        multiplier: "100",
      },
      side: "buy",
      positionEffect: "open",
      quantity: "1",
      price: "2.5",
      fees: "0",
      executedAt: "2026-01-05T15:00:00Z",
      tradeDate: "2026-01-05",
    };
    const columns = toPnlColumns({ executions: [execution], events: [], marks: {}, asOf: "2026-02-01" });
    columns.executions.quantity[0] = 0.5;
    expect(() => computePnl(columns)).toThrow(PnlInputError);
    expect(() => computePnl(columns)).toThrow("executions[0]: quantity is not a positive decimal");
    columns.executions.quantity[0] = 1_000_000;
    columns.executions.contract[0] = 3;
    expect(() => computePnl(columns)).toThrow("executions[0]: contract 3 is not a valid row of contracts");
  });

  it("reads an instant to the millisecond exactly as Date.parse does, whatever its shape", () => {
    const shapes = [
      "2026-01-05T15:00:00Z",
      "2026-01-05T15:00:00.1Z",
      "2026-01-05T15:00:00.123456Z",
      "2024-02-29T23:59:59.999Z",
      "2026-01-05T15:00:00+01:00",
      "2026-01-05T24:00:00Z",
      "2026-01-05T15:00:00.Z",
    ];
    for (const text of shapes) expect(instantMs(text)).toBe(Date.parse(text));
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 4e12 }), (ms) => {
        expect(instantMs(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });

  it("refuses an object fill whose instant does not parse", () => {
    expect(() =>
      toPnlColumns({
        executions: [
          {
            id: "e1",
            accountId: "acct",
            contract: {
              underlying: "AAA",
              expiration: "2030-01-18",
              strike: "50",
              optionType: "call",
              multiplier: "100",
            },
            side: "buy",
            positionEffect: "open",
            quantity: "1",
            price: "2.5",
            fees: "0",
            executedAt: "soon",
            tradeDate: "2026-01-05",
          },
        ],
        events: [],
        marks: {},
        asOf: "2026-02-01",
      }),
    ).toThrow("executions[0]: executedAt is not an ISO-8601 instant");
  });
});
