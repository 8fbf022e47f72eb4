import type { MissingGreeksReason } from "@/lib/risk";
import { formatShortDate } from "../format/dates";

/** Why a position shows "—" for its Greeks, in words (never a silent 0). */
export function missingGreeksText(reason: MissingGreeksReason, expiration: string): string {
  switch (reason) {
    case "expired":
      return `No Greeks: expired ${formatShortDate(expiration)}`;
    case "no-market-data":
      return "No Greeks: no market data for this contract yet";
    case "not-sent":
      return "No Greeks: market data sent none";
  }
}

export function missingQuoteText(underlying: string): string {
  return `No quote for ${underlying}: no distance to strike or delta dollars`;
}
