import { i32, item } from "./cells";
import { formatDay } from "./dates";
import type { BookTable, ContractRec, FillTable } from "./internal-types";

/** A fill's trading date as text, for rows and messages (the table holds its day number). */
export function fillDate(fills: FillTable, fill: number): string {
  return formatDay(i32(fills.day, fill));
}

export function fillId(fills: FillTable, fill: number): string {
  return item(fills.id, fill);
}

/** The broker's id of a fill's order, or null when the source does not say. */
export function fillOrderId(fills: FillTable, fill: number): string | null {
  const order = i32(fills.order, fill);
  return order < 0 ? null : item(fills.orderIds, order);
}

/** The account of a fill (its book's). */
export function fillAccount(
  fills: FillTable,
  books: Pick<BookTable, "accountId" | "contract">,
  fill: number,
): string {
  return item(books.accountId, i32(fills.book, fill));
}

/** The contract a fill traded (its book's; corporate actions move lots, never fills). */
export function fillContract(
  fills: FillTable,
  books: Pick<BookTable, "accountId" | "contract">,
  fill: number,
): ContractRec {
  return item(books.contract, i32(fills.book, fill));
}
