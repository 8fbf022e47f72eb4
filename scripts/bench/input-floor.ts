/**
 * What a run costs before the engine computes anything, so the engine's rate can be read against
 * it: touching every field `computePnl` reads from each execution, then also parsing its decimals
 * and dates with the engine's own parsers, and one full collection of a heap that holds the input.
 * The engine's tables exceed the 64 MB of new external memory after which V8 collects the whole
 * heap, so every run of a large history pays at least one such collection.
 */
import { tryParseDecimal } from "@/lib/money";
import type { PnlExecution, PnlInput } from "@/lib/pnl";
import { dayNumber } from "@/lib/pnl/dates";

export interface InputFloor {
  readSeconds: number;
  parseSeconds: number;
  collectionSeconds: number;
}

export function measureInputFloor(input: PnlInput, runs: number): InputFloor {
  const floor = {
    readSeconds: Number.POSITIVE_INFINITY,
    parseSeconds: Number.POSITIVE_INFINITY,
    collectionSeconds: Number.POSITIVE_INFINITY,
  };
  let checksum = 0;
  for (let run = 0; run < runs; run++) {
    const gc = (globalThis as { gc?: () => void }).gc;
    const collecting = performance.now();
    gc?.();
    if (gc)
      floor.collectionSeconds = Math.min(floor.collectionSeconds, (performance.now() - collecting) / 1000);
    const reading = performance.now();
    checksum += readFields(input);
    floor.readSeconds = Math.min(floor.readSeconds, (performance.now() - reading) / 1000);
    gc?.();
    const parsing = performance.now();
    checksum += readAndParse(input);
    floor.parseSeconds = Math.min(floor.parseSeconds, (performance.now() - parsing) / 1000);
  }
  // Using the sums keeps the reads from being optimized away.
  if (checksum === -1) console.log(checksum);
  return floor;
}

function readFields({ executions }: PnlInput): number {
  let sum = 0;
  for (const execution of executions) sum += fieldLengths(execution);
  return sum;
}

function readAndParse({ executions }: PnlInput): number {
  let sum = 0;
  for (const execution of executions) {
    sum +=
      fieldLengths(execution) +
      (tryParseDecimal(execution.quantity) ?? 0) +
      (tryParseDecimal(execution.price) ?? 0) +
      (tryParseDecimal(execution.fees) ?? 0) +
      (tryParseDecimal(execution.contract.strike) ?? 0) +
      dayNumber(execution.tradeDate) +
      dayNumber(execution.contract.expiration);
  }
  return sum;
}

function fieldLengths(execution: PnlExecution): number {
  const { contract } = execution;
  return (
    execution.id.length +
    execution.accountId.length +
    (execution.orderId?.length ?? 0) +
    execution.side.length +
    execution.positionEffect.length +
    execution.quantity.length +
    execution.price.length +
    execution.fees.length +
    execution.executedAt.length +
    execution.tradeDate.length +
    contract.underlying.length +
    contract.expiration.length +
    contract.strike.length +
    contract.optionType.length +
    contract.multiplier.length
  );
}
