import "server-only";
import { tryParseDecimal } from "@/lib/money";
import {
  createContractColumns,
  createExecutionColumns,
  dayNumber,
  FILL_BUYS,
  FILL_OPENS,
  type PnlColumns,
  PnlInputError,
} from "@/lib/pnl";

export type InstrumentRow = {
  id: string;
  underlying: string;
  expiration_date: string;
  strike_price: string;
  option_type: string;
  multiplier: string;
};

/** One option fill as recompute reads it: the execution row with its leg's and order's fields. */
export type FillRow = {
  executionId: string;
  accountId: string;
  /** The broker's order id, or null when the source has none (CSV imports). */
  orderId: string | null;
  instrumentId: string;
  buy: boolean;
  open: boolean;
  quantity: string;
  price: string;
  fees: string;
  /** Epoch milliseconds. */
  executedAt: number;
  tradeDate: string;
};

/**
 * Builds the engine's execution columns (`PnlColumns`) while recompute reads rows: decimals parsed
 * to micros and dates to day numbers once per row here, accounts, orders and instruments numbered
 * once per distinct database row, so the engine reads only numbers.
 */
export class ExecutionColumnsBuilder {
  private readonly columns;
  private readonly contracts;
  private readonly accounts = new Numbering();
  private readonly orders = new Numbering();
  private readonly contractRows = new Map<string, number>();

  constructor(
    capacity: number,
    private readonly instruments: ReadonlyMap<string, InstrumentRow>,
  ) {
    this.columns = createExecutionColumns(capacity);
    this.contracts = createContractColumns(instruments.size);
  }

  add(fill: FillRow): void {
    const row = this.columns.count++;
    const columns = this.columns;
    columns.id[row] = fill.executionId;
    columns.account[row] = this.accounts.of(fill.accountId);
    columns.contract[row] = this.contractRow(fill.instrumentId);
    columns.order[row] = fill.orderId === null ? -1 : this.orders.of(fill.orderId);
    columns.flags[row] = (fill.buy ? FILL_BUYS : 0) | (fill.open ? FILL_OPENS : 0);
    columns.quantity[row] = micros(fill.quantity, "quantity", fill.executionId);
    columns.price[row] = micros(fill.price, "price", fill.executionId);
    columns.fees[row] = micros(fill.fees, "fees", fill.executionId);
    columns.executedAt[row] = fill.executedAt;
    columns.tradeDay[row] = dayNumber(fill.tradeDate);
  }

  /** The columns so far, as the engine's input (events and the rest are the caller's). */
  build(): Pick<PnlColumns, "accounts" | "contracts" | "orders" | "executions"> {
    return {
      accounts: this.accounts.list,
      contracts: this.contracts,
      orders: this.orders.list,
      executions: this.columns,
    };
  }

  private contractRow(instrumentId: string): number {
    const known = this.contractRows.get(instrumentId);
    if (known !== undefined) return known;
    const instrument = this.instruments.get(instrumentId);
    if (!instrument) throw new Error(`option instrument ${instrumentId} is referenced but missing`);
    const contracts = this.contracts;
    const row = contracts.count++;
    contracts.underlying[row] = instrument.underlying;
    contracts.expirationDay[row] = dayNumber(instrument.expiration_date);
    contracts.optionType[row] = instrument.option_type === "CALL" ? 0 : 1;
    contracts.strike[row] = micros(instrument.strike_price, "strike", instrumentId);
    contracts.multiplier[row] = micros(instrument.multiplier, "multiplier", instrumentId);
    this.contractRows.set(instrumentId, row);
    return row;
  }
}

/**
 * A stored decimal in micros. The columns allow eight places; the engine takes six and refuses the
 * input otherwise (as it refuses the same value given as text), rather than round money. Fills'
 * decimals come padded to the column's scale (`"1.50000000"`): the parse accepts zeros past the sixth
 * place, and a refusal names the value without them, as `trim_scale` prints it.
 */
function micros(text: string, field: string, rowId: string): number {
  const value = tryParseDecimal(text);
  if (value === null) {
    throw new PnlInputError([
      {
        path: rowId,
        message: `${field} ${JSON.stringify(trimScale(text))} is not a decimal of at most six places`,
      },
    ]);
  }
  return value;
}

/** A decimal's text without the zeros that end its fraction (and without the point, when all are). */
export function trimScale(text: string): string {
  if (!text.includes(".")) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}

/** Numbers distinct ids in first-seen order. */
class Numbering {
  readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();

  of(id: string): number {
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = this.list.length;
      this.list.push(id);
      this.numbers.set(id, number);
    }
    return number;
  }
}
