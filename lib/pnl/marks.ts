import { add, type Micro, mul3Rounded, mulRounded, negate, tryParseDecimal } from "@/lib/money";
import { f64 } from "./cells";
import { type FillTable, LONG } from "./internal-types";
import { anchorShape } from "./shape-anchors";
import type { StockBook } from "./stock";

/**
 * Marks and unrealized P&L. Market value = mark × quantity × multiplier, signed (a short is a
 * liability). It is the one product here that may need rounding (a mark with six decimals on a
 * fractional multiplier): MARKET_VALUE_ROUNDING is applied once per lot, and unrealized is derived
 * from that same rounded value, so realized + unrealized still reconciles to the cent-free micro.
 */
export const MARKET_VALUE_ROUNDING = "half-even" as const;

export interface LotValuation {
  mark: Micro | null;
  marketValue: Micro | null;
  unrealized: Micro | null;
  openCash: Micro;
}

export class MarkBook {
  private readonly options = new Map<string, Micro | null>();
  private readonly stocks = new Map<string, Micro | null>();

  constructor(
    private readonly optionMarks: Readonly<Record<string, string>>,
    private readonly stockMarks: Readonly<Record<string, string>>,
  ) {}

  option(contractKey: string): Micro | null {
    return cached(this.options, this.optionMarks, contractKey);
  }

  stock(underlying: string): Micro | null {
    return cached(this.stocks, this.stockMarks, underlying);
  }
}

function cached(cache: Map<string, Micro | null>, source: Readonly<Record<string, string>>, key: string) {
  let value = cache.get(key);
  if (value === undefined) {
    const text = Object.hasOwn(source, key) ? source[key] : undefined;
    value = typeof text === "string" ? tryParseDecimal(text) : null;
    cache.set(key, value);
  }
  return value;
}

/** Values what is still open of an opening fill. */
export function valueLot(
  fills: FillTable,
  lot: number,
  direction: number,
  multiplier: Micro,
  mark: Micro | null,
): LotValuation {
  const openCash = f64(fills.lotGross, lot) - f64(fills.lotFees, lot);
  if (mark === null) return { mark, marketValue: null, unrealized: null, openCash };
  const value = mul3Rounded(mark, f64(fills.lotQuantity, lot), multiplier, MARKET_VALUE_ROUNDING);
  const marketValue = direction === LONG ? value : negate(value);
  return { mark, marketValue, unrealized: add(marketValue, openCash), openCash };
}

export interface StockValuation extends LotValuation {
  shares: Micro;
  gross: Micro;
}

/** The open stock of one book: lots are all one direction, so they value as one position. */
export function valueStock(book: StockBook, mark: Micro | null): StockValuation {
  let shares = 0;
  let gross = 0;
  let fees = 0;
  for (const lot of book.lots) {
    shares = add(shares, lot.direction === "long" ? lot.shares : negate(lot.shares));
    gross = add(gross, lot.gross);
    fees = add(fees, lot.fees);
  }
  const openCash = gross - fees;
  if (mark === null || shares === 0) {
    return {
      mark,
      marketValue: shares === 0 ? 0 : null,
      unrealized: shares === 0 ? 0 : null,
      openCash,
      shares,
      gross,
    };
  }
  const marketValue = mulRounded(mark, shares, MARKET_VALUE_ROUNDING);
  return { mark, marketValue, unrealized: add(marketValue, openCash), openCash, shares, gross };
}

// See shape-anchors.ts.
anchorShape(new MarkBook({}, {}));
