import { add, divRounded, formatDecimal, formatMoney, formatQuantity, type Micro, mul } from "@/lib/money";
import type { Book, Episode, Exec, LotQueue } from "./internal-types";
import { type MarkBook, valueLot } from "./marks";
import type { OpenPosition, PnlIssue } from "./result-types";
import type { OpenLot } from "./types";

/**
 * Values every open lot with the latest mark and rolls lots up into positions (one per account,
 * contract and direction). Lots without a mark get no market value and no unrealized figure; their
 * open cash is reported so the reconciliation can still close exactly.
 */
export const AVERAGE_PRICE_ROUNDING = "half-even" as const;

export interface Valuation {
  /** `chainId` is filled in once chains are built; `openLotEpisodes[i]` is the episode of `openLots[i]`. */
  openLots: OpenLot[];
  openLotEpisodes: number[];
  positions: OpenPosition[];
  marketValue: Micro;
  unrealized: Micro;
  unmarkedOpenCash: Micro;
  unmarkedPositions: number;
  issues: PnlIssue[];
}

export function valueOpenLots(books: readonly Book[], marks: MarkBook): Valuation {
  const valuation: Valuation = {
    openLots: [],
    openLotEpisodes: [],
    positions: [],
    marketValue: 0,
    unrealized: 0,
    unmarkedOpenCash: 0,
    unmarkedPositions: 0,
    issues: [],
  };
  for (const book of books) {
    if (book.long.openQuantity > 0) valueQueue(valuation, book, book.long, marks.option(book.contract.key));
    if (book.short.openQuantity > 0) valueQueue(valuation, book, book.short, marks.option(book.contract.key));
  }
  return valuation;
}

function valueQueue(valuation: Valuation, book: Book, queue: LotQueue, mark: Micro | null): void {
  const contract = book.contract;
  let gross: Micro = 0;
  let openCash: Micro = 0;
  let marketValue: Micro = 0;
  let unrealized: Micro = 0;
  const lots = queue.lots ?? [];
  for (let index = queue.head; index < lots.length; index++) {
    const lot = lots[index] as Exec;
    const value = valueLot(lot, book, mark);
    gross = add(gross, lot.lotGross);
    openCash = add(openCash, value.openCash);
    const episode = lot.episode as Episode;
    episode.quantityOpen = add(episode.quantityOpen, lot.lotQuantity);
    if (value.marketValue !== null && value.unrealized !== null) {
      marketValue = add(marketValue, value.marketValue);
      unrealized = add(unrealized, value.unrealized);
      episode.unrealized = add(episode.unrealized, value.unrealized);
    } else episode.unmarked = true;
    valuation.openLots.push({
      accountId: book.accountId,
      contractKey: contract.key,
      underlying: contract.underlying,
      direction: queue.direction,
      openExecutionId: lot.id,
      openedOn: lot.day,
      quantity: formatQuantity(lot.lotQuantity),
      openPrice: lot.priceText,
      openCash: formatMoney(value.openCash),
      mark: mark === null ? null : formatDecimal(mark),
      marketValue: value.marketValue === null ? null : formatMoney(value.marketValue),
      unrealized: value.unrealized === null ? null : formatMoney(value.unrealized),
      chainId: "",
    });
    valuation.openLotEpisodes.push(episode.index);
  }
  if (mark !== null) {
    valuation.marketValue = add(valuation.marketValue, marketValue);
    valuation.unrealized = add(valuation.unrealized, unrealized);
    book.unrealized = add(book.unrealized, unrealized);
  } else {
    valuation.unmarkedOpenCash = add(valuation.unmarkedOpenCash, openCash);
    valuation.unmarkedPositions++;
    book.unmarked = true;
    valuation.issues.push({
      code: "missing-mark",
      message: `no mark for open ${queue.direction} position in ${contract.key}: unrealized P&L unknown`,
      accountId: book.accountId,
      contractKey: contract.key,
      quantity: formatQuantity(queue.openQuantity),
    });
  }
  const shares = mul(queue.openQuantity, contract.multiplier);
  const magnitude = gross < 0 ? -gross : gross;
  valuation.positions.push({
    accountId: book.accountId,
    contractKey: contract.key,
    underlying: contract.underlying,
    expiration: contract.expiration,
    strike: contract.strikeText,
    optionType: contract.optionType,
    multiplier: contract.multiplierText,
    direction: queue.direction,
    quantity: formatQuantity(queue.direction === "long" ? queue.openQuantity : -queue.openQuantity),
    averagePrice: formatDecimal(divRounded(magnitude, shares, AVERAGE_PRICE_ROUNDING)),
    openCash: formatMoney(openCash),
    mark: mark !== null ? formatDecimal(mark) : null,
    marketValue: mark !== null ? formatMoney(marketValue) : null,
    unrealized: mark !== null ? formatMoney(unrealized) : null,
  });
}
