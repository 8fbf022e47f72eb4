import { add, formatMoney, formatQuantity, type Micro, sub } from "@/lib/money";
import type { Book } from "./internal-types";
import type { ContractSummary, UnderlyingSummary } from "./result-types";

/** Per-contract and per-underlying roll-ups of the replay's running sums. */

export function summarizeContracts(books: readonly Book[]): ContractSummary[] {
  return books.map((book) => {
    const contract = book.contract;
    const open = book.long.openQuantity > 0 || book.short.openQuantity > 0;
    return {
      accountId: book.accountId,
      contractKey: contract.key,
      underlying: contract.underlying,
      expiration: contract.expiration,
      strike: contract.strikeText,
      optionType: contract.optionType,
      multiplier: contract.multiplierText,
      realized: formatMoney(book.realized),
      unrealized: book.unmarked ? null : formatMoney(book.unrealized),
      fees: formatMoney(book.fees),
      cashFlow: formatMoney(book.cashFlow),
      openQuantity: formatQuantity(sub(book.long.openQuantity, book.short.openQuantity)),
      status: open ? "open" : (book.lastCloseKind ?? "trade"),
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
  books: readonly Book[],
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
  for (const book of books) {
    const entry = get(book.contract.underlying);
    entry.realized = add(entry.realized, book.realized);
    entry.unrealized = add(entry.unrealized, book.unrealized);
    entry.unmarked ||= book.unmarked;
    entry.fees = add(entry.fees, book.fees);
    entry.cashFlow = add(entry.cashFlow, book.cashFlow);
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
