import { divideIntegers } from "@/lib/money";
import type { Micros } from "../market/timestamps";
import type { SimContract, SimHistory } from "./types";

/** One `/options/positions/` row: a contract held long or short (closed rows stay at zero, §3.3). */
export interface SimOptionPosition {
  contract: SimContract;
  type: "long" | "short";
  quantity: number;
  /** Opening price (cents per share) × contracts of the open quantity, on an average-cost basis. */
  openCostCents: number;
  createdAtUs: Micros;
  updatedAtUs: Micros;
}

export interface SimStockPosition {
  symbol: string;
  instrumentId: string;
  shares: number;
  costCents: number;
  createdAtUs: Micros;
  updatedAtUs: Micros;
}

interface Change {
  at: Micros;
  contract: SimContract;
  type: "long" | "short";
  /** Positive opens, negative closes. */
  quantity: number;
  priceCents: number;
}

/**
 * Replays every fill and lifecycle event in time order with average-cost bookkeeping, giving the
 * position rows Robinhood would show at "now".
 */
export function deriveOptionPositions(history: SimHistory): SimOptionPosition[] {
  const changes: Change[] = [];
  for (const order of history.orders) {
    for (const leg of order.legs) {
      const type = (leg.side === "buy") === (leg.positionEffect === "open") ? "long" : "short";
      const sign = leg.positionEffect === "open" ? 1 : -1;
      for (const execution of leg.executions) {
        changes.push({
          at: execution.timestampUs,
          contract: leg.contract,
          type,
          quantity: sign * execution.quantity,
          priceCents: execution.priceCents,
        });
      }
    }
  }
  for (const event of history.events) {
    changes.push({
      at: event.createdAtUs,
      contract: event.contract,
      type: event.positionType,
      quantity: -event.quantity,
      priceCents: 0,
    });
  }
  changes.sort((a, b) => a.at - b.at);

  const rows = new Map<string, SimOptionPosition>();
  for (const change of changes) {
    const key = `${change.contract.id}|${change.type}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        contract: change.contract,
        type: change.type,
        quantity: 0,
        openCostCents: 0,
        createdAtUs: change.at,
        updatedAtUs: change.at,
      };
      rows.set(key, row);
    }
    if (change.quantity > 0) {
      row.openCostCents += change.priceCents * change.quantity;
    } else {
      row.openCostCents -= divideIntegers(
        row.openCostCents * -change.quantity,
        row.quantity,
        "half-away-from-zero",
      );
    }
    row.quantity += change.quantity;
    if (row.quantity < 0) throw new Error(`position ${key} went negative`);
    if (row.quantity === 0) row.openCostCents = 0;
    row.updatedAtUs = change.at;
  }
  return [...rows.values()].sort(
    (a, b) => a.createdAtUs - b.createdAtUs || a.contract.id.localeCompare(b.contract.id),
  );
}

interface ShareChange {
  at: Micros;
  symbol: string;
  instrumentId: string;
  side: "buy" | "sell";
  shares: number;
  priceCents: number;
}

/** Shares come from equity-order fills and from the stock side of assignments and exercises. */
export function deriveStockPositions(history: SimHistory): SimStockPosition[] {
  const changes: ShareChange[] = [];
  for (const event of history.events) {
    const equity = event.equity;
    if (!equity) continue;
    changes.push({
      at: event.createdAtUs,
      symbol: equity.symbol,
      instrumentId: equity.instrumentId,
      side: equity.side,
      shares: equity.shares,
      priceCents: equity.priceCents,
    });
  }
  for (const order of history.stockOrders) {
    for (const execution of order.executions) {
      changes.push({
        at: execution.timestampUs,
        symbol: order.symbol,
        instrumentId: order.instrumentId,
        side: order.side,
        shares: execution.shares,
        priceCents: execution.priceCents,
      });
    }
  }
  changes.sort((a, b) => a.at - b.at);
  const rows = new Map<string, SimStockPosition>();
  for (const change of changes) {
    let row = rows.get(change.symbol);
    if (!row) {
      row = {
        symbol: change.symbol,
        instrumentId: change.instrumentId,
        shares: 0,
        costCents: 0,
        createdAtUs: change.at,
        updatedAtUs: change.at,
      };
      rows.set(change.symbol, row);
    }
    if (change.side === "buy") {
      row.shares += change.shares;
      row.costCents += change.priceCents * change.shares;
    } else {
      row.costCents -= divideIntegers(row.costCents * change.shares, row.shares, "half-away-from-zero");
      row.shares -= change.shares;
    }
    if (row.shares === 0) row.costCents = 0;
    row.updatedAtUs = change.at;
  }
  return [...rows.values()].sort((a, b) => a.symbol.localeCompare(b.symbol));
}
