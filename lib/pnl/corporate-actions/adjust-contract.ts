import { divRounded, formatQuantity, MICRO_PER_UNIT, type Micro, mulRounded, roundMicro } from "@/lib/money";
import type { ContractRec } from "../contract";
import type { OptionContract } from "../types";
import type { CorporateActionRec } from "./parse-actions";

/** The contract an open position continues in after an action, and how its quantity scales. */
export interface AdjustedTerms {
  contract: OptionContract;
  /** Whole factor on the number of contracts (1 unless a whole-number split). */
  quantityFactor: Micro;
}

/**
 * The deliverable rule (docs/pnl-engine.md, "Corporate actions"). A rename keeps every term but the
 * underlying. A split of `after` for `before` keeps what a contract delivers in total:
 * - a whole-number split (2:1, 3:1, 20:1) gives n contracts for each one, at strike / n, with the
 *   same multiplier — how listed options are adjusted for such splits;
 * - any other ratio (3:2, 1:10 reverse) keeps the number of contracts and makes each deliver
 *   multiplier × after / before shares (a non-100 "adjusted" contract) at strike × before / after.
 * Adjusted strikes are rounded to the cent, half-even (575 after a 3:1 split is 191.67). The premium
 * and fees of every lot stay as they were, so the action realizes nothing and moves no cash.
 */
export function adjustContract(contract: ContractRec, action: CorporateActionRec): AdjustedTerms {
  const { sharesAfter: after, sharesBefore: before } = action;
  let strike = contract.strike;
  let multiplier = contract.multiplier;
  let quantityFactor: Micro = MICRO_PER_UNIT;
  if (after !== before) {
    strike = roundMicro(
      divRounded(mulRounded(strike, before, "half-even"), after, "half-even"),
      2,
      "half-even",
    );
    // Micros of two decimals: a whole multiple means a whole number of new contracts per old one.
    if (after % before === 0) quantityFactor = divRounded(after, before, "half-even");
    else multiplier = divRounded(mulRounded(multiplier, after, "half-even"), before, "half-even");
  }
  return {
    contract: {
      underlying: action.newSymbol,
      expiration: contract.expiration,
      strike: formatQuantity(strike),
      optionType: contract.optionType,
      multiplier: formatQuantity(multiplier),
    },
    quantityFactor,
  };
}
