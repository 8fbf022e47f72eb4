import { add, formatMoney, formatQuantity, type Micro, sub } from "@/lib/money";
import { compareBooks } from "./book-finder";
import { f64, item, u8 } from "./cells";
import { type BookTable, CLOSE_KIND_CODES, type ContractRec } from "./internal-types";
import type { ContractSummary, UnderlyingSummary } from "./result-types";
import type { CloseKind } from "./types";

/** Per-contract and per-underlying roll-ups of the replay's running sums. */

/** One row per (account, contract), in canonical order. */
export function summarizeContracts(books: BookTable): ContractSummary[] {
  const order = Array.from({ length: books.count }, (_, book) => book).sort((a, b) =>
    compareBooks(books, a, b),
  );
  return order.map((book) => {
    const contract = books.contract[book] as ContractRec;
    const long = f64(books.queueOpen, book * 2);
    const short = f64(books.queueOpen, book * 2 + 1);
    const lastCloseKind = CLOSE_KIND_CODES[u8(books.lastCloseKind, book)] as CloseKind | null;
    return {
      accountId: item(books.accountId, book),
      contractKey: contract.key,
      underlying: contract.underlying,
      expiration: contract.expiration,
      strike: contract.strikeText,
      optionType: contract.optionType,
      multiplier: contract.multiplierText,
      realized: formatMoney(f64(books.realized, book)),
      unrealized: books.unmarked[book] === 1 ? null : formatMoney(f64(books.unrealized, book)),
      fees: formatMoney(f64(books.fees, book)),
      cashFlow: formatMoney(f64(books.cashFlow, book)),
      openQuantity: formatQuantity(sub(long, short)),
      status: long > 0 || short > 0 ? "open" : (lastCloseKind ?? "trade"),
    };
  });
}

interface UnderlyingSums {
  realized: Micro;
  unrealized: Micro;
  unmarked: boolean;
  fees: Micro;
  cashFlow: Micro;
  stockRealized: Micro;
}

export function summarizeUnderlyings(
  books: BookTable,
  stockRealized: readonly { underlying: string; realized: Micro }[],
): UnderlyingSummary[] {
  const sums = new Map<string, UnderlyingSums>();
  const get = (underlying: string): UnderlyingSums => {
    let entry = sums.get(underlying);
    if (!entry) {
      entry = { realized: 0, unrealized: 0, unmarked: false, fees: 0, cashFlow: 0, stockRealized: 0 };
      sums.set(underlying, entry);
    }
    return entry;
  };
  let last: UnderlyingSums | null = null;
  let lastUnderlying = "";
  for (let book = 0; book < books.count; book++) {
    const underlying = (books.contract[book] as ContractRec).underlying;
    // Books of one underlying tend to neighbour each other: skip the lookup when they do.
    if (last === null || underlying !== lastUnderlying) {
      last = get(underlying);
      lastUnderlying = underlying;
    }
    last.realized = add(last.realized, f64(books.realized, book));
    last.unrealized = add(last.unrealized, f64(books.unrealized, book));
    last.unmarked ||= books.unmarked[book] === 1;
    last.fees = add(last.fees, f64(books.fees, book));
    last.cashFlow = add(last.cashFlow, f64(books.cashFlow, book));
  }
  for (const stock of stockRealized) {
    const entry = get(stock.underlying);
    entry.stockRealized = add(entry.stockRealized, stock.realized);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([underlying, entry]) => ({
      underlying,
      realized: formatMoney(entry.realized),
      unrealized: entry.unmarked ? null : formatMoney(entry.unrealized),
      fees: formatMoney(entry.fees),
      cashFlow: formatMoney(entry.cashFlow),
      stockRealized: formatMoney(entry.stockRealized),
    }));
}
