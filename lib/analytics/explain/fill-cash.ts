import { displayDecimal, displayMoney, formatMoney, type Micro, mul, negate, sub, sum } from "@/lib/money";
import type { Formula, WorkedExample } from "./formula";

/**
 * The cash one option fill moved, the engine's rule (docs/pnl-engine.md, "An execution's cash flow"):
 * a sale brings in price × contracts × multiplier, a purchase pays it, and the fill's fees are paid
 * either way. Every fill counts, closes with no opening fill in the history included.
 */
export const CASH_FLOWS_FORMULA: Formula = {
  expression: "Cash flows = Σ cash of every option fill",
  rule: [
    "sale: + price × contracts × multiplier − fees",
    "purchase: − price × contracts × multiplier − fees",
  ],
  where: [
    { term: "fill", meaning: "one execution of an order leg, opening or closing" },
    { term: "fees", meaning: "the fill's share of its order's contract and regulatory fees" },
  ],
};

/**
 * Fees as the dashboard counts them: every option fill's fees. Fills do not say which chain they
 * belong to, so fees group by contract and date, not by strategy.
 */
export const FEES_FORMULA: Formula = {
  expression: "Fees paid = Σ fees of every option fill",
  rule: ["fill: its share of the order's fees, pro rata by contracts"],
  where: [
    {
      term: "fees",
      meaning: "contract and regulatory fees, as Robinhood charged them or the CSV's amount shows",
    },
  ],
};

export type FillNumbers = {
  side: "buy" | "sell";
  quantity: Micro;
  price: Micro;
  multiplier: Micro;
  fees: Micro;
};

/** A fill's cash by `CASH_FLOWS_FORMULA`, exactly: positive when it brought money in. */
export function fillCash(fill: FillNumbers): Micro {
  const premium = mul(mul(fill.price, fill.quantity), fill.multiplier);
  return sub(fill.side === "sell" ? premium : negate(premium), fill.fees);
}

const decimal = (value: Micro, minDigits = 0) => displayDecimal(formatMoney(value), { minDigits });
const signedMoney = (value: Micro) => displayMoney(formatMoney(value), { signed: true });

export function explainFillCash(fill: FillNumbers, stored: Micro): WorkedExample {
  const premium = mul(mul(fill.price, fill.quantity), fill.multiplier);
  const signed = fill.side === "sell" ? premium : negate(premium);
  const result = fillCash(fill);
  return {
    steps: [
      {
        label: fill.side === "sell" ? "Premium received (sale)" : "Premium paid (purchase)",
        arithmetic: `${fill.side === "sell" ? "+" : "−"} ${decimal(fill.price, 2)} × ${decimal(fill.quantity)} × ${decimal(fill.multiplier)}`,
        value: signedMoney(signed),
      },
      {
        label: "− fees",
        arithmetic: `${signedMoney(signed)} − ${displayMoney(formatMoney(fill.fees))}`,
        value: signedMoney(result),
      },
    ],
    result: formatMoney(result),
    stored: formatMoney(stored),
    agrees: result === stored,
  };
}

/** The fees of an order's fills added up, against the order's stored total. */
export function explainOrderFees(fees: readonly Micro[], stored: Micro): WorkedExample {
  const result = sum(fees);
  return {
    steps: [
      {
        label: `Fees of the order's ${fees.length} ${fees.length === 1 ? "fill" : "fills"}`,
        arithmetic: fees.map((fee) => displayMoney(formatMoney(fee))).join(" + "),
        value: displayMoney(formatMoney(result)),
      },
    ],
    result: formatMoney(result),
    stored: formatMoney(stored),
    agrees: result === stored,
  };
}
