import { formatDecimal, formatMoney, formatQuantity } from "@/lib/money";
import type { MatchRec } from "./internal-types";
import type { MatchedLot } from "./types";

export function formatMatches(matches: readonly MatchRec[], chainIds: readonly string[]): MatchedLot[] {
  const output: MatchedLot[] = new Array(matches.length);
  for (let index = 0; index < matches.length; index++) {
    const match = matches[index] as MatchRec;
    const book = match.lot.book;
    output[index] = {
      accountId: book.accountId,
      contractKey: book.contract.key,
      underlying: book.contract.underlying,
      direction: match.episode.direction,
      openExecutionId: match.lot.id,
      closeExecutionId: match.closeExec === null ? null : match.closeExec.id,
      closeEventId: match.closeEvent === null ? null : match.closeEvent.id,
      closeKind: match.kind,
      openedOn: match.lot.day,
      closedOn: match.closedOn,
      quantity: formatQuantity(match.quantity),
      openPrice: formatDecimal(match.lot.price),
      closePrice: formatDecimal(match.closePrice),
      openFees: formatMoney(match.openFees),
      closeFees: formatMoney(match.closeFees),
      realized: formatMoney(match.realized),
      chainId: chainIds[match.episode.index] ?? "",
    };
  }
  return output;
}
