import { add, divRounded, formatDecimal, formatMoney, formatQuantity, type Micro } from "@/lib/money";
import { type MarkBook, valueStock } from "./marks";
import type { StockMatch, StockPosition } from "./result-types";
import type { StockLot, StockReplay } from "./stock";
import { AVERAGE_PRICE_ROUNDING } from "./valuation";

export interface StockOutput {
  positions: StockPosition[];
  matches: StockMatch[];
  realized: Micro;
  unrealized: Micro;
  cashFlow: Micro;
  marketValue: Micro;
  unmarkedOpenCash: Micro;
  realizedByUnderlying: { underlying: string; realized: Micro }[];
}

export function formatStock(replay: StockReplay, marks: MarkBook): StockOutput {
  const output: StockOutput = {
    positions: [],
    matches: [],
    realized: 0,
    unrealized: 0,
    cashFlow: 0,
    marketValue: 0,
    unmarkedOpenCash: 0,
    realizedByUnderlying: [],
  };
  for (const book of replay.books) {
    output.cashFlow = add(output.cashFlow, book.cashFlow);
    output.realizedByUnderlying.push({ underlying: book.underlying, realized: book.realized });
    if (book.lots.length === 0) continue;
    const mark = marks.stock(book.underlying);
    const value = valueStock(book, mark);
    if (value.marketValue !== null && value.unrealized !== null) {
      output.marketValue = add(output.marketValue, value.marketValue);
      output.unrealized = add(output.unrealized, value.unrealized);
    } else output.unmarkedOpenCash = add(output.unmarkedOpenCash, value.openCash);
    const magnitude = value.shares < 0 ? -value.shares : value.shares;
    const grossMagnitude = value.gross < 0 ? -value.gross : value.gross;
    const costBasis = value.openCash < 0 ? -value.openCash : value.openCash;
    output.positions.push({
      accountId: book.accountId,
      underlying: book.underlying,
      quantity: formatQuantity(value.shares),
      averagePrice: formatDecimal(divRounded(grossMagnitude, magnitude, AVERAGE_PRICE_ROUNDING)),
      openCash: formatMoney(value.openCash),
      mark: mark === null ? null : formatDecimal(mark),
      marketValue: value.marketValue === null ? null : formatMoney(value.marketValue),
      unrealized: value.unrealized === null ? null : formatMoney(value.unrealized),
      direction: value.shares < 0 ? "short" : "long",
      costBasis: formatMoney(costBasis),
      costBasisPerShare: formatDecimal(divRounded(costBasis, magnitude, AVERAGE_PRICE_ROUNDING)),
      openedOn: (book.lots[0] as StockLot).flow.day,
    });
  }
  for (const match of replay.matches) {
    output.realized = add(output.realized, match.realized);
    output.matches.push({
      accountId: match.open.accountId,
      // The closing side's symbol is the book's: shares held through a rename are sold under the new one.
      underlying: match.close.underlying,
      direction: match.direction,
      openEventId: match.open.kind === "trade" ? null : match.open.id,
      closeEventId: match.close.kind === "trade" ? null : match.close.id,
      openedOn: match.open.day,
      closedOn: match.close.day,
      quantity: formatQuantity(match.shares),
      openPrice: formatDecimal(match.openPrice),
      closePrice: formatDecimal(match.close.price),
      realized: formatMoney(match.realized),
      openKind: match.open.kind,
      closeKind: match.close.kind,
      openTradeId: match.open.kind === "trade" ? match.open.id : null,
      closeTradeId: match.close.kind === "trade" ? match.close.id : null,
      openFees: formatMoney(match.openFees),
      closeFees: formatMoney(match.closeFees),
    });
  }
  return output;
}
