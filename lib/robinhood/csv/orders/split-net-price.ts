import { formatQuantity, type Micro, parseDecimal, prorate, sub } from "@/lib/money";

/**
 * How a multi-leg order's net price becomes per-leg prices. robin_stocks' option-orders export
 * gives every leg row the order's net price per unit and its direction (credit or debit), never a
 * leg's own fill price, so any split is a convention; this one is documented in
 * docs/robinhood-csv-import.md and keeps every order's total exact.
 *
 * The rule: the legs on the order's side (sells for a credit, buys for a debit) share the net price
 * equally; the other legs get 0. A split that does not come out in whole micros leaves the
 * remainder on the first sharing leg (legs are in contract-key order), so the shares add back up to
 * the net exactly. The sharing legs must have one quantity (they do in every known export: an
 * order's legs share its quantity); when they do not, the whole net goes on the first of them.
 *
 * So a credit vertical books the net on its short leg, an iron condor splits it between its two
 * short legs, and a one-order roll for a credit books it on the opening sell. Since legs opened
 * together are one strategy chain, the chain's result is exact whatever the split.
 */
export interface SplitLeg {
  side: "buy" | "sell";
  quantity: string;
}

export interface NetSplit {
  /** Price per share of each leg, in the order given, as decimal strings. */
  prices: string[];
  /** False when the sharing legs' quantities differ and the net went on one leg. */
  even: boolean;
}

export function splitNetPrice(
  legs: readonly SplitLeg[],
  netPrice: string,
  direction: "credit" | "debit",
): NetSplit {
  const side = direction === "credit" ? "sell" : "buy";
  let sharing = legs.map((leg, index) => ({ leg, index })).filter(({ leg }) => leg.side === side);
  // An order with no leg on its side (not seen in real exports) books its net on its first leg.
  if (sharing.length === 0) sharing = [{ leg: legs[0] as SplitLeg, index: 0 }];
  const net = parseDecimal(netPrice);
  const prices = legs.map(() => "0");
  const quantity = parseDecimal((sharing[0] as { leg: SplitLeg }).leg.quantity);
  const even = sharing.every(({ leg }) => parseDecimal(leg.quantity) === quantity);
  if (!even) {
    prices[(sharing[0] as { index: number }).index] = formatQuantity(net);
    return { prices, even };
  }
  const share: Micro = prorate(net, 1, sharing.length);
  const first: Micro = sub(net, share * (sharing.length - 1));
  sharing.forEach(({ index }, position) => {
    prices[index] = formatQuantity(position === 0 ? first : share);
  });
  return { prices, even };
}
