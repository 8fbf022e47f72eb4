import { type Micro, mulRounded, tryParseDecimal } from "@/lib/money";
import { dayNumber } from "./dates";
import { type StockFlow, TRADE_PHASE } from "./internal-types";
import type { PnlIssue } from "./result-types";
import type { PnlStockTrade } from "./types";

/**
 * A trade's price × shares is the one stock product that may need rounding: fractional shares
 * (six decimals) at a price in cents have eight. It is rounded once, half-even to the micro, and
 * that rounded gross is both the trade's cash and its lots' cost, so the stock reconciliation stays
 * exact. Importers that book cash from a broker's amount derive the fee against this same value.
 */
export const STOCK_GROSS_ROUNDING = "half-even" as const;

export function stockTradeGross(price: Micro, shares: Micro): Micro {
  return mulRounded(price, shares, STOCK_GROSS_ROUNDING);
}

export interface StockTradeOptions {
  trades: readonly PnlStockTrade[] | undefined;
  asOfDay: number;
  report: (path: string, message: string) => void;
  issues: PnlIssue[];
}

/** Validates equity trades into stock flows; trades after `asOf` are left out with an issue. */
export function normalizeStockTrades({ trades, asOfDay, report, issues }: StockTradeOptions): StockFlow[] {
  if (trades === undefined) return [];
  if (!Array.isArray(trades)) {
    report("stockTrades", "must be an array when given");
    return [];
  }
  const flows: StockFlow[] = [];
  const late: PnlIssue[] = [];
  trades.forEach((raw: PnlStockTrade, index) => {
    const flow = toFlow(raw);
    if (typeof flow === "string") {
      report(`stockTrades[${index}]`, flow);
      return;
    }
    if (flow.dayNumber > asOfDay) {
      late.push({
        code: "after-as-of",
        message: `stock trade ${raw.id} on ${raw.tradeDate} is after the as-of date and was left out`,
        accountId: raw.accountId,
        contractKey: raw.symbol,
        stockTradeId: raw.id,
      });
      return;
    }
    flows.push(flow);
  });
  // In id order, so the result does not depend on the order of the input.
  late.sort((a, b) => compareText(a.stockTradeId ?? "", b.stockTradeId ?? ""));
  issues.push(...late);
  return flows;
}

function toFlow(raw: PnlStockTrade): StockFlow | string {
  if (raw === null || typeof raw !== "object") return "must be an object";
  if (typeof raw.id !== "string" || raw.id.length === 0) return "id is empty";
  if (typeof raw.accountId !== "string") return "accountId must be a string";
  if (typeof raw.symbol !== "string" || raw.symbol.trim() === "") return "symbol is empty";
  if (raw.side !== "buy" && raw.side !== "sell") return `side must be "buy" or "sell"`;
  const shares = decimal(raw.quantity);
  if (shares === null || shares <= 0) return "quantity is not a positive decimal";
  const price = decimal(raw.price);
  if (price === null || price < 0) return "price is not a non-negative decimal";
  const fees = decimal(raw.fees);
  if (fees === null) return "fees is not a decimal";
  const day = dayNumber(raw.tradeDate);
  if (Number.isNaN(day)) return "tradeDate is not a YYYY-MM-DD date";
  const time = typeof raw.executedAt === "string" ? Date.parse(raw.executedAt) : Number.NaN;
  if (Number.isNaN(time)) return "executedAt is not an ISO-8601 instant";
  let gross: Micro;
  try {
    gross = stockTradeGross(price, shares);
  } catch (error) {
    return `price × quantity is out of range: ${(error as Error).message}`;
  }
  return {
    kind: "trade",
    id: raw.id,
    accountId: raw.accountId,
    underlying: raw.symbol,
    buy: raw.side === "buy",
    shares,
    price,
    gross,
    fees,
    day: raw.tradeDate,
    dayNumber: day,
    phase: TRADE_PHASE,
    time,
    realized: 0,
    positionAfter: 0,
    longCostAfter: 0,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function decimal(value: unknown): Micro | null {
  return typeof value === "string" ? tryParseDecimal(value) : null;
}
