/**
 * The bare FIFO loop: the least any engine must do with these fills — parse each fill's decimals,
 * find its (account, contract) queue by a string key, and open a lot or close the oldest lots
 * first, summing realized premium in micros. No events, rolls, chains, strategies, stock or
 * checks. The engine's time over this loop's is the price of everything else it computes.
 */
import { tryParseDecimal } from "@/lib/money";
import type { PnlInput } from "@/lib/pnl";
import { type BestTime, bestTime } from "./best-time";

interface Queue {
  quantities: number[];
  premiums: number[];
  head: number;
}

export function measureBareFifo(input: PnlInput, runs: number): BestTime {
  let checksum = 0;
  const best = bestTime(runs, () => {
    checksum += bareFifo(input);
  });
  // Using the sum keeps the loop from being optimized away.
  if (checksum === -1) console.log(checksum);
  return best;
}

function bareFifo({ executions }: PnlInput): number {
  const queues = new Map<string, Queue>();
  let realized = 0;
  for (const execution of executions) {
    const { contract } = execution;
    const key = `${execution.accountId}|${contract.underlying}|${contract.expiration}|${contract.optionType}|${contract.strike}|${execution.side === "buy" ? execution.positionEffect === "open" : execution.positionEffect === "close"}`;
    const quantity = tryParseDecimal(execution.quantity) ?? 0;
    const price = tryParseDecimal(execution.price) ?? 0;
    // Premium per unit of quantity, in micros of cash per contract (the multiplier is 100 here).
    const signed = (execution.side === "buy" ? -price : price) * 100;
    let queue = queues.get(key);
    if (queue === undefined) {
      queue = { quantities: [], premiums: [], head: 0 };
      queues.set(key, queue);
    }
    if (execution.positionEffect === "open") {
      queue.quantities.push(quantity);
      queue.premiums.push(signed);
      continue;
    }
    let left = quantity;
    while (left > 0 && queue.head < queue.quantities.length) {
      const open = queue.quantities[queue.head] as number;
      const take = Math.min(open, left);
      realized += Math.trunc((((queue.premiums[queue.head] as number) + signed) * take) / 1_000_000);
      left -= take;
      if (take === open) queue.head++;
      else queue.quantities[queue.head] = open - take;
    }
  }
  return realized;
}
