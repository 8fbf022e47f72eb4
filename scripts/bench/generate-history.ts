/**
 * A deterministic generated option history for the engine benchmark: a seeded PRNG, no clock in the
 * data. Fills arrive in time order (as a database query would return them) with partial fills,
 * two-leg vertical spreads opened in one order (a quarter of new positions; their legs are later
 * closed or rolled one by one), partial closes, one-order rolls (some resized), expirations and assignments, across 60
 * underlyings; contract objects are shared between fills, as a loader that maps instrument rows once
 * would do. Stock trades (about one per 25 option fills) buy shares in round lots and sell part or
 * all of them, beside the shares assignments deliver, so the stock ledger and wheel cycles have work.
 */

import { formatMinorUnits } from "@/lib/money";
import {
  contractKey,
  type OptionContract,
  type PnlExecution,
  type PnlInput,
  type PnlLifecycleEvent,
  type PnlStockTrade,
} from "@/lib/pnl";
import { mulberry32 } from "@/simulator/market/prng";

// Prices, strikes and fees are drawn as whole cents and written exactly.
const cents = (amount: number) => formatMinorUnits(amount, 2, 2);

interface Position {
  contract: OptionContract;
  short: boolean;
  quantity: number;
}

const FILLS_PER_DAY = 400;
const UNDERLYINGS = Array.from({ length: 60 }, (_, index) => `U${String(index).padStart(2, "0")}`);

function isoDay(day: number): string {
  return new Date(Date.UTC(2015, 0, 5) + day * 86_400_000).toISOString().slice(0, 10);
}

export function generateHistory(target: number): PnlInput {
  const next = mulberry32(20261126);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const contracts = new Map<string, OptionContract>();
  const strikeCentsOf = new Map<OptionContract, number>();
  const contractFor = (
    underlying: string,
    expiration: string,
    strikeCents: number,
    call: boolean,
  ): OptionContract => {
    const key = `${underlying} ${expiration} ${strikeCents} ${call}`;
    let contract = contracts.get(key);
    if (!contract) {
      contract = {
        underlying,
        expiration,
        strike: cents(strikeCents),
        optionType: call ? "call" : "put",
        multiplier: "100",
      };
      contracts.set(key, contract);
      strikeCentsOf.set(contract, strikeCents);
    }
    return contract;
  };
  const executions: PnlExecution[] = [];
  const events: PnlLifecycleEvent[] = [];
  const stockTrades: PnlStockTrade[] = [];
  const shares = new Map<string, number>();
  const open: Position[] = [];
  let day = 0;
  let second = 0;
  let orderSeq = 0;
  const emit = (position: Position, code: "open" | "close", quantity: number, orderId: string) => {
    const date = isoDay(day);
    const seconds = 52_200 + second++;
    const time = `${String(Math.floor(seconds / 3600)).padStart(2, "0")}:${String(Math.floor(seconds / 60) % 60).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
    const sell = (code === "open") === position.short;
    executions.push({
      id: `e${String(executions.length).padStart(8, "0")}`,
      accountId: "bench",
      orderId,
      contract: position.contract,
      side: sell ? "sell" : "buy",
      positionEffect: code,
      quantity: String(quantity),
      price: cents(5 + Math.floor(next() * 900)),
      fees: sell ? cents(3 * quantity) : "0",
      executedAt: `${date}T${time}.000Z`,
      tradeDate: date,
    });
  };
  const newContract = (underlying: string, call: boolean, from = day): OptionContract => {
    // Weekly expirations one to eight weeks out, on a Friday-like grid.
    const expiryDay = from + 7 * (1 + Math.floor(next() * 8)) - (from % 7) + 4;
    return contractFor(underlying, isoDay(expiryDay), 2_000 + Math.floor(next() * 60) * 50, call);
  };
  const trade = (underlying: string) => {
    const held = shares.get(underlying) ?? 0;
    const sell = held > 0 && next() < 0.5;
    const quantity = sell
      ? 100 * (1 + Math.floor(next() * (held / 100)))
      : 100 * (1 + Math.floor(next() * 3));
    const date = isoDay(day);
    const seconds = 52_200 + second;
    shares.set(underlying, held + (sell ? -quantity : quantity));
    stockTrades.push({
      id: `t${String(stockTrades.length).padStart(7, "0")}`,
      accountId: "bench",
      orderId: null,
      symbol: underlying,
      side: sell ? "sell" : "buy",
      quantity: String(quantity),
      price: cents(2_000 + Math.floor(next() * 6000)),
      fees: sell ? "0.02" : "0",
      executedAt: `${date}T${String(Math.floor(seconds / 3600)).padStart(2, "0")}:${String(Math.floor(seconds / 60) % 60).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}.500Z`,
      tradeDate: date,
    });
  };
  while (executions.length < target) {
    if (next() < 0.04) trade(pick(UNDERLYINGS));
    if (second >= FILLS_PER_DAY) {
      day++;
      second = 0;
      const today = isoDay(day);
      for (let index = open.length - 1; index >= 0; index--) {
        const position = open[index] as Position;
        if (position.contract.expiration !== today) continue;
        const assigned = position.short && next() < 0.1;
        events.push({
          id: `v${String(events.length).padStart(7, "0")}`,
          accountId: "bench",
          type: assigned ? "assignment" : "expiration",
          contract: position.contract,
          quantity: String(position.quantity),
          date: today,
          direction: position.short ? "short" : "long",
        });
        open.splice(index, 1);
      }
    }
    const roll = next();
    const orderId = `o${orderSeq++}`;
    if (open.length < 50 || roll < 0.35) {
      const position = {
        contract: newContract(pick(UNDERLYINGS), next() < 0.5),
        short: next() < 0.7,
        quantity: 0,
      };
      const quantity = 1 + Math.floor(next() * 10);
      const first = Math.max(1, Math.floor(quantity / 2));
      emit(position, "open", first, orderId);
      if (quantity > first) emit(position, "open", quantity - first, orderId);
      position.quantity = quantity;
      open.push(position);
      if (next() < 0.25) {
        // A vertical: the other leg, 2.50 further out of the money, the other way, in the same order.
        const { contract } = position;
        const call = contract.optionType === "call";
        const wing = {
          contract: contractFor(
            contract.underlying,
            contract.expiration,
            (strikeCentsOf.get(contract) as number) + (call ? 250 : -250),
            call,
          ),
          short: !position.short,
          quantity,
        };
        emit(wing, "open", quantity, orderId);
        open.push(wing);
      }
      continue;
    }
    const index = Math.floor(next() * open.length);
    const position = open[index] as Position;
    if (position.contract.expiration <= isoDay(day)) continue;
    if (roll < 0.6) {
      // One-order roll of part or all of the position, sometimes resized.
      const quantity = 1 + Math.floor(next() * position.quantity);
      emit(position, "close", quantity, orderId);
      position.quantity -= quantity;
      if (position.quantity === 0) open.splice(index, 1);
      const target = {
        contract: newContract(position.contract.underlying, position.contract.optionType === "call", day),
        short: position.short,
        quantity: quantity + (next() < 0.2 ? 1 : 0),
      };
      emit(target, "open", target.quantity, orderId);
      open.push(target);
    } else {
      const quantity = 1 + Math.floor(next() * position.quantity);
      emit(position, "close", quantity, orderId);
      position.quantity -= quantity;
      if (position.quantity === 0) open.splice(index, 1);
    }
  }
  executions.length = Math.min(executions.length, target);
  const marks: Record<string, string> = {};
  for (const position of open) marks[contractKey(position.contract)] = "1.25";
  const stockMarks = Object.fromEntries(UNDERLYINGS.map((underlying) => [underlying, "45.00"]));
  return { executions, events, stockTrades, marks, stockMarks, asOf: isoDay(day) };
}
