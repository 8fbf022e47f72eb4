import { divideRounded } from "../market/money";
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
      row.openCostCents -= divideRounded(row.openCostCents * -change.quantity, row.quantity);
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

/** Shares come and go only through assignments and exercises in generated histories. */
export function deriveStockPositions(history: SimHistory): SimStockPosition[] {
  const rows = new Map<string, SimStockPosition>();
  for (const event of history.events) {
    const equity = event.equity;
    if (!equity) continue;
    let row = rows.get(equity.symbol);
    if (!row) {
      row = {
        symbol: equity.symbol,
        instrumentId: equity.instrumentId,
        shares: 0,
        costCents: 0,
        createdAtUs: event.createdAtUs,
        updatedAtUs: event.createdAtUs,
      };
      rows.set(equity.symbol, row);
    }
    if (equity.side === "buy") {
      row.shares += equity.shares;
      row.costCents += equity.priceCents * equity.shares;
    } else {
      row.costCents -= divideRounded(row.costCents * equity.shares, row.shares);
      row.shares -= equity.shares;
    }
    if (row.shares === 0) row.costCents = 0;
    row.updatedAtUs = event.createdAtUs;
  }
  return [...rows.values()].sort((a, b) => a.symbol.localeCompare(b.symbol));
}
