import type { Micro } from "@/lib/money";
import type { ContractRec } from "../internal-types";
import type { RollCashKind, RollExpiryMove, RollStrikeMove } from "../result-types";

export interface RollClass {
  expiry: RollExpiryMove;
  strike: RollStrikeMove;
  label: string;
  cashKind: RollCashKind;
}

// Every label spelled out once: rolls are classified by the ten thousand, and joining the words
// anew for each made a string per roll.
const LABELS: Record<RollStrikeMove, Record<RollExpiryMove, string>> = {
  up: { out: "up and out", in: "up and in", same: "up" },
  down: { out: "down and out", in: "down and in", same: "down" },
  same: { out: "out", in: "in", same: "same" },
};

/**
 * Out / in compare expirations, up / down compare strikes; the label reads the way traders say it
 * ("up and out", "down and in", "out"). Credit or debit is the sign of the net cash of the roll.
 */
export function classifyRoll(from: ContractRec, to: ContractRec, netCash: Micro): RollClass {
  const expiry: RollExpiryMove =
    to.expirationDay > from.expirationDay ? "out" : to.expirationDay < from.expirationDay ? "in" : "same";
  const strike: RollStrikeMove = to.strike > from.strike ? "up" : to.strike < from.strike ? "down" : "same";
  const cashKind: RollCashKind = netCash > 0 ? "credit" : netCash < 0 ? "debit" : "even";
  return { expiry, strike, label: LABELS[strike][expiry], cashKind };
}
