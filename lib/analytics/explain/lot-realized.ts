import { add, displayDecimal, displayMoney, formatMoney, type Micro, mul, negate, sub } from "@/lib/money";
import type { Formula, WorkedExample } from "./formula";

/**
 * The realized P&L of one closed lot, the rule the engine books (lib/pnl/lots/fifo.ts): the premium
 * difference per share, times the contracts and their multiplier, less the opening and closing fees
 * allocated to the lot. Expiry closes at 0; an assignment or exercise closes the option at 0 too,
 * its premium stays in option P&L.
 */
export const REALIZED_FORMULA: Formula = {
  expression: "Realized P&L = Σ realized of every closed lot",
  rule: [
    "short lot: (open price − close price) × contracts × multiplier − fees",
    "long lot: (close price − open price) × contracts × multiplier − fees",
  ],
  where: [
    { term: "closed lot", meaning: "contracts of one opening fill matched first-in-first-out to a close" },
    { term: "close price", meaning: "the closing fill's price; 0 for an expiry, assignment or exercise" },
    { term: "multiplier", meaning: "shares per contract, as the contract states it (not assumed 100)" },
    { term: "fees", meaning: "the opening and closing fills' fees, pro rata by contracts" },
  ],
};

export type LotNumbers = {
  side: "long" | "short";
  quantity: Micro;
  openPrice: Micro;
  closePrice: Micro;
  multiplier: Micro;
  fees: Micro;
};

/** A lot's realized P&L by `REALIZED_FORMULA`, exactly. */
export function lotRealized(lot: LotNumbers): Micro {
  return sub(mul(mul(perShare(lot), lot.quantity), lot.multiplier), lot.fees);
}

function perShare(lot: LotNumbers): Micro {
  return lot.side === "short" ? sub(lot.openPrice, lot.closePrice) : sub(lot.closePrice, lot.openPrice);
}

const price = (value: Micro) => displayDecimal(formatMoney(value), { minDigits: 2 });
const count = (value: Micro) => displayDecimal(formatMoney(value), { minDigits: 0 });

/** The rule with this lot's numbers in it, step by step, against the figure stored for it. */
export function explainLotRealized(lot: LotNumbers, stored: Micro): WorkedExample {
  const difference = perShare(lot);
  const premium = mul(mul(difference, lot.quantity), lot.multiplier);
  const result = lotRealized(lot);
  const [first, second] =
    lot.side === "short" ? [lot.openPrice, lot.closePrice] : [lot.closePrice, lot.openPrice];
  return {
    steps: [
      {
        label: lot.side === "short" ? "Open − close price (short)" : "Close − open price (long)",
        arithmetic: `${price(first)} − ${price(second)}`,
        value: displayMoney(formatMoney(difference), { digits: 4 }),
      },
      {
        label: "× contracts × multiplier",
        arithmetic: `${price(difference)} × ${count(lot.quantity)} × ${count(lot.multiplier)}`,
        value: displayMoney(formatMoney(premium)),
      },
      {
        label: "− fees",
        arithmetic: `${displayMoney(formatMoney(premium))} − ${displayMoney(formatMoney(lot.fees))}`,
        value: displayMoney(formatMoney(add(premium, negate(lot.fees))), { signed: true }),
      },
    ],
    result: formatMoney(result),
    stored: formatMoney(stored),
    agrees: result === stored,
  };
}
