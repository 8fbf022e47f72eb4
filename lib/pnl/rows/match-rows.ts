import { formatDecimal, formatMoney, formatQuantity } from "@/lib/money";
import { f64, i32, item, u8 } from "../cells";
import type { ChainIndex } from "../chains/build-chains";
import type { CorporateActionReplay } from "../corporate-actions/apply-actions";
import { fillDate, fillId } from "../fill-fields";
import {
  type BookTable,
  CLOSE_KIND_CODES,
  type ContractRec,
  DIRECTIONS,
  type EpisodeTable,
  type FillTable,
  type LifecycleRec,
  type MatchTable,
} from "../internal-types";
import type { CloseKind, MatchedLot } from "../types";
import { LotOrdinals } from "./lot-ordinals";

export interface MatchRowTables {
  fills: FillTable;
  books: BookTable;
  episodes: EpisodeTable;
  matches: MatchTable;
  events: readonly LifecycleRec[];
  chains: ChainIndex;
  /** Corporate actions applied by the replay (null: none), which moved some lots and episodes. */
  actions: CorporateActionReplay | null;
}

const ZERO_PRICE = formatDecimal(0);

/** The matched-lot rows, in the order the replay closed them. */
export function matchRows(tables: MatchRowTables): MatchedLot[] {
  const { fills, books, episodes, matches, events, chains, actions } = tables;
  const rows: MatchedLot[] = new Array(matches.count);
  const ordinals = new LotOrdinals(fills.count);
  // Consecutive matches often share a fill (a close across several lots): format its price once.
  let priceFill = -1;
  let priceText = "";
  for (let match = 0; match < matches.count; match++) {
    const lot = i32(matches.lot, match);
    const episode = i32(matches.episode, match);
    // The book the lot was in when it closed: a corporate action may have moved it from its opening
    // fill's book.
    const current = i32(episodes.book, episode);
    const book = actions === null ? current : actions.bookOfMatch(episode, match, current);
    const contract = books.contract[book] as ContractRec;
    const closerFill = i32(matches.closerFill, match);
    const closerEvent = i32(matches.closerEvent, match);
    const event = closerEvent >= 0 ? (events[closerEvent] as LifecycleRec) : null;
    if (priceFill !== lot) {
      priceFill = lot;
      const price = f64(fills.price, lot);
      priceText = formatDecimal(actions === null ? price : actions.openPriceOf(lot, price));
    }
    rows[match] = {
      accountId: item(books.accountId, book),
      contractKey: contract.key,
      underlying: contract.underlying,
      direction: DIRECTIONS[u8(episodes.direction, episode)] as "long" | "short",
      openExecutionId: fillId(fills, lot),
      closeExecutionId: closerFill >= 0 ? fillId(fills, closerFill) : null,
      closeEventId: event === null ? null : event.id,
      closeKind: CLOSE_KIND_CODES[u8(matches.kind, match)] as CloseKind,
      openedOn: fillDate(fills, lot),
      closedOn:
        closerFill >= 0 ? fillDate(fills, closerFill) : event !== null ? event.day : contract.expiration,
      quantity: formatQuantity(f64(matches.quantity, match)),
      openPrice: priceText,
      closePrice: closerFill < 0 ? ZERO_PRICE : formatDecimal(f64(fills.price, closerFill)),
      openFees: formatMoney(f64(matches.openFees, match)),
      closeFees: formatMoney(f64(matches.closeFees, match)),
      realized: formatMoney(f64(matches.realized, match)),
      chainId: chains.chainIdOf(episode),
      // A closer by its number: a fill's row, an event's (below -1), or -1 for an inferred expiry.
      ordinal: ordinals.next(lot, closerFill >= 0 ? closerFill : closerEvent >= 0 ? -2 - closerEvent : -1),
    };
  }
  return rows;
}
