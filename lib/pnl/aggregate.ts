import { add, formatMoney, formatQuantity, type Micro, sub } from "@/lib/money";
import { type BookTable, CLOSE_KIND_CODES, type ContractRec } from "./internal-types";
import { compareBooks } from "./normalize";
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
    const long = books.queueOpen[book * 2] as number;
    const short = books.queueOpen[book * 2 + 1] as number;
    const lastCloseKind = CLOSE_KIND_CODES[books.lastCloseKind[book] as number] as CloseKind | null;
    return {
      accountId: books.accountId[book] as string,
      contractKey: contract.key,
      underlying: contract.underlying,
      expiration: contract.expiration,
      strike: contract.strikeText,
      optionType: contract.optionType,
      multiplier: contract.multiplierText,
      realized: formatMoney(books.realized[book] as number),
      unrealized: books.unmarked[book] === 1 ? null : formatMoney(books.unrealized[book] as number),
      fees: formatMoney(books.fees[book] as number),
      cashFlow: formatMoney(books.cashFlow[book] as number),
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
    last.realized = add(last.realized, books.realized[book] as number);
    last.unrealized = add(last.unrealized, books.unrealized[book] as number);
    last.unmarked ||= books.unmarked[book] === 1;
    last.fees = add(last.fees, books.fees[book] as number);
    last.cashFlow = add(last.cashFlow, books.cashFlow[book] as number);
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
