/**
 * The bare FIFO loop on the columnar input: the same least work as bare-fifo.ts (open a lot, or
 * close the oldest lots first, summing realized premium in micros), reading the typed columns the
 * loader builds instead of objects, with each (account, contract, direction) queue found by an
 * integer key. It is the floor under any engine given `PnlColumns`.
 */
import { FILL_BUYS, FILL_OPENS, type PnlColumns } from "@/lib/pnl";
import { type BestTime, bestTime } from "./best-time";

interface Queue {
  quantities: number[];
  premiums: number[];
  head: number;
}

export function measureBareFifoColumns(columns: PnlColumns, runs: number): BestTime {
  let checksum = 0;
  const best = bestTime(runs, () => {
    checksum += bareFifoColumns(columns);
  });
  // Using the sum keeps the loop from being optimized away.
  if (checksum === -1) console.log(checksum);
  return best;
}

export function bareFifoColumns({ executions, accounts }: PnlColumns): number {
  const queues = new Map<number, Queue>();
  let realized = 0;
  for (let row = 0; row < executions.count; row++) {
    const flags = executions.flags[row] as number;
    const buy = (flags & FILL_BUYS) !== 0;
    const open = (flags & FILL_OPENS) !== 0;
    const key =
      ((executions.contract[row] as number) * accounts.length + (executions.account[row] as number)) * 2 +
      (buy === open ? 1 : 0);
    const quantity = executions.quantity[row] as number;
    const price = executions.price[row] as number;
    const signed = (buy ? -price : price) * 100;
    let queue = queues.get(key);
    if (queue === undefined) {
      queue = { quantities: [], premiums: [], head: 0 };
      queues.set(key, queue);
    }
    if (open) {
      queue.quantities.push(quantity);
      queue.premiums.push(signed);
      continue;
    }
    let left = quantity;
    while (left > 0 && queue.head < queue.quantities.length) {
      const lot = queue.quantities[queue.head] as number;
      const take = Math.min(lot, left);
      realized += Math.trunc((((queue.premiums[queue.head] as number) + signed) * take) / 1_000_000);
      left -= take;
      if (take === lot) queue.head++;
      else queue.quantities[queue.head] = lot - take;
    }
  }
  return realized;
}
