import { add, divRounded, formatDecimal, formatMoney, formatQuantity, type Micro, mul } from "@/lib/money";
import { compareBooks } from "./book-finder";
import { f64, i32, item } from "./cells";
import {
  type BookTable,
  type ContractRec,
  DIRECTIONS,
  type EpisodeTable,
  type FillTable,
  LONG,
} from "./internal-types";
import { type MarkBook, valueLot } from "./marks";
import type { OpenPosition, PnlIssue } from "./result-types";

/**
 * Values every open lot with the latest mark and rolls lots up into positions (one per account,
 * contract and direction). Lots without a mark get no market value and no unrealized figure; their
 * open cash is reported so the reconciliation can still close exactly.
 */
export const AVERAGE_PRICE_ROUNDING = "half-even" as const;

/** One open lot's figures; its output row is built when `openLots` is first read. */
export interface OpenLotRec {
  fill: number;
  book: number;
  direction: number;
  mark: Micro | null;
  openCash: Micro;
  marketValue: Micro | null;
  unrealized: Micro | null;
}

export interface Valuation {
  openLots: OpenLotRec[];
  positions: OpenPosition[];
  marketValue: Micro;
  unrealized: Micro;
  unmarkedOpenCash: Micro;
  unmarkedPositions: number;
  issues: PnlIssue[];
}

export interface ValuationInput {
  fills: FillTable;
  books: BookTable;
  episodes: EpisodeTable;
  marks: MarkBook;
}

export function valueOpenLots(input: ValuationInput): Valuation {
  const { books, marks } = input;
  const valuation: Valuation = {
    openLots: [],
    positions: [],
    marketValue: 0,
    unrealized: 0,
    unmarkedOpenCash: 0,
    unmarkedPositions: 0,
    issues: [],
  };
  // Only books with something open are valued; they are taken in canonical order.
  const open: number[] = [];
  for (let book = 0; book < books.count; book++) {
    if (f64(books.queueOpen, book * 2) > 0 || f64(books.queueOpen, book * 2 + 1) > 0) open.push(book);
  }
  open.sort((a, b) => compareBooks(books, a, b));
  for (const book of open) {
    const mark = marks.option((books.contract[book] as ContractRec).key);
    for (let queue = book * 2; queue < book * 2 + 2; queue++) {
      if (f64(books.queueOpen, queue) > 0) valueQueue(input, valuation, queue, mark);
    }
  }
  return valuation;
}

function valueQueue(input: ValuationInput, valuation: Valuation, queue: number, mark: Micro | null): void {
  const { fills, books, episodes } = input;
  const book = queue >> 1;
  const direction = queue & 1;
  const contract = books.contract[book] as ContractRec;
  let gross: Micro = 0;
  let openCash: Micro = 0;
  let marketValue: Micro = 0;
  let unrealized: Micro = 0;
  for (let lot = i32(books.queueHead, queue); lot >= 0; lot = i32(fills.nextLot, lot)) {
    const value = valueLot(fills, lot, direction, contract.multiplier, mark);
    gross = add(gross, f64(fills.lotGross, lot));
    openCash = add(openCash, value.openCash);
    const episode = i32(fills.episode, lot);
    episodes.quantityOpen[episode] = add(f64(episodes.quantityOpen, episode), f64(fills.lotQuantity, lot));
    if (value.marketValue !== null && value.unrealized !== null) {
      marketValue = add(marketValue, value.marketValue);
      unrealized = add(unrealized, value.unrealized);
      episodes.unrealized[episode] = add(f64(episodes.unrealized, episode), value.unrealized);
    } else episodes.unmarked[episode] = 1;
    valuation.openLots.push({ fill: lot, book, direction, ...value });
  }
  const openQuantity = f64(books.queueOpen, queue);
  const directionName = DIRECTIONS[direction] as "long" | "short";
  if (mark !== null) {
    valuation.marketValue = add(valuation.marketValue, marketValue);
    valuation.unrealized = add(valuation.unrealized, unrealized);
    books.unrealized[book] = add(f64(books.unrealized, book), unrealized);
  } else {
    valuation.unmarkedOpenCash = add(valuation.unmarkedOpenCash, openCash);
    valuation.unmarkedPositions++;
    books.unmarked[book] = 1;
    valuation.issues.push({
      code: "missing-mark",
      message: `no mark for open ${directionName} position in ${contract.key}: unrealized P&L unknown`,
      accountId: item(books.accountId, book),
      contractKey: contract.key,
      quantity: formatQuantity(openQuantity),
    });
  }
  const shares = mul(openQuantity, contract.multiplier);
  const magnitude = gross < 0 ? -gross : gross;
  valuation.positions.push({
    accountId: item(books.accountId, book),
    contractKey: contract.key,
    underlying: contract.underlying,
    expiration: contract.expiration,
    strike: contract.strikeText,
    optionType: contract.optionType,
    multiplier: contract.multiplierText,
    direction: directionName,
    quantity: formatQuantity(direction === LONG ? openQuantity : -openQuantity),
    averagePrice: formatDecimal(divRounded(magnitude, shares, AVERAGE_PRICE_ROUNDING)),
    openCash: formatMoney(openCash),
    mark: mark !== null ? formatDecimal(mark) : null,
    marketValue: mark !== null ? formatMoney(marketValue) : null,
    unrealized: mark !== null ? formatMoney(unrealized) : null,
  });
}
