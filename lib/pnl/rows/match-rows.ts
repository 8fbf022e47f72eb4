import { formatDecimal, formatMoney, formatQuantity, type Micro } from "@/lib/money";
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
import type { CloseKind, Direction, MatchedLot } from "../types";
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

/**
 * One matched lot, as `forEachMatchedLot` hands it over: the fields of a `MatchedLot`, with its money
 * as micros instead of text. The visitor is handed the same object for every lot, filled anew: it
 * reads what it needs and keeps none of it.
 */
export type MatchedLotView = Omit<MatchedLot, "openFees" | "closeFees" | "realized"> & {
  openFees: Micro;
  closeFees: Micro;
  realized: Micro;
  /**
   * The lot's contract as the first row of the input's contract columns that names it
   * (`ContractRec.inputRow`), or -1 when none does: a writer finds its own record of the contract by
   * this number, where the key would take a lookup by text per lot.
   */
  contractRow: number;
};

const ZERO_PRICE = formatDecimal(0);

/** Reads matched lots one at a time (`forEachMatchedLot`); a class, so its code outlives a result. */
export interface MatchedLotVisitor {
  visitLot(lot: Readonly<MatchedLotView>): void;
}

/**
 * Hands every matched lot to `visitor`, in the order the replay closed them. A writer that turns lots
 * into rows reads them here: a `MatchedLot` per lot would be formatted money parsed back, and tens of
 * thousands of objects that live as long as the result.
 *
 * The work per lot is a method of a reader, and the visitor's a method too: a loop inside a function
 * called once per result runs in code compiled for that one call (specialized to its closures, which
 * die with the result), so every recompute compiled it again; methods stay compiled.
 */
export function visitMatches(tables: MatchRowTables, visitor: MatchedLotVisitor): void {
  const reader = new MatchReader(tables);
  for (let match = 0; match < tables.matches.count; match++) visitor.visitLot(reader.read(match));
}

class MatchReader {
  private readonly ordinals: LotOrdinals;
  private readonly lot: MatchedLotView = {
    accountId: "",
    contractKey: "",
    contractRow: -1,
    underlying: "",
    direction: "long",
    openExecutionId: "",
    closeExecutionId: null,
    closeEventId: null,
    closeKind: "trade",
    openedOn: "",
    closedOn: "",
    quantity: "",
    openPrice: "",
    closePrice: "",
    openFees: 0,
    closeFees: 0,
    realized: 0,
    chainId: "",
    ordinal: 0,
  };
  // Consecutive matches often share a fill (a close across several lots): its price is formatted once.
  private priceFill = -1;

  constructor(private readonly tables: MatchRowTables) {
    this.ordinals = new LotOrdinals(tables.fills.count);
  }

  /** Match `match` as a lot: the same object each time, filled anew. */
  read(match: number): MatchedLotView {
    const { fills, books, episodes, matches, events, chains, actions } = this.tables;
    const lot = this.lot;
    const opening = i32(matches.lot, match);
    const episode = i32(matches.episode, match);
    // The book the lot was in when it closed: a corporate action may have moved it from its opening
    // fill's book.
    const current = i32(episodes.book, episode);
    const book = actions === null ? current : actions.bookOfMatch(episode, match, current);
    const contract = books.contract[book] as ContractRec;
    const closerFill = i32(matches.closerFill, match);
    const closerEvent = i32(matches.closerEvent, match);
    const event = closerEvent >= 0 ? (events[closerEvent] as LifecycleRec) : null;
    if (this.priceFill !== opening) {
      this.priceFill = opening;
      const price = f64(fills.price, opening);
      lot.openPrice = formatDecimal(actions === null ? price : actions.openPriceOf(opening, price));
    }
    lot.accountId = item(books.accountId, book);
    lot.contractKey = contract.key;
    lot.contractRow = contract.inputRow;
    lot.underlying = contract.underlying;
    lot.direction = DIRECTIONS[u8(episodes.direction, episode)] as Direction;
    lot.openExecutionId = fillId(fills, opening);
    lot.closeExecutionId = closerFill >= 0 ? fillId(fills, closerFill) : null;
    lot.closeEventId = event === null ? null : event.id;
    lot.closeKind = CLOSE_KIND_CODES[u8(matches.kind, match)] as CloseKind;
    lot.openedOn = fillDate(fills, opening);
    lot.closedOn =
      closerFill >= 0 ? fillDate(fills, closerFill) : event !== null ? event.day : contract.expiration;
    lot.quantity = formatQuantity(f64(matches.quantity, match));
    lot.closePrice = closerFill < 0 ? ZERO_PRICE : formatDecimal(f64(fills.price, closerFill));
    lot.openFees = f64(matches.openFees, match);
    lot.closeFees = f64(matches.closeFees, match);
    lot.realized = f64(matches.realized, match);
    lot.chainId = chains.chainIdOf(episode);
    // A closer by its number: a fill's row, an event's (below -1), or -1 for an inferred expiry.
    lot.ordinal = this.ordinals.next(
      opening,
      closerFill >= 0 ? closerFill : closerEvent >= 0 ? -2 - closerEvent : -1,
    );
    return lot;
  }
}

/** The matched-lot rows, in the order the replay closed them. */
export function matchRows(tables: MatchRowTables): MatchedLot[] {
  const rows: MatchedLot[] = [];
  visitMatches(tables, {
    visitLot: ({ contractRow: _row, ...lot }) => {
      rows.push({
        ...lot,
        openFees: formatMoney(lot.openFees),
        closeFees: formatMoney(lot.closeFees),
        realized: formatMoney(lot.realized),
      });
    },
  });
  return rows;
}
