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
import type { RepeatedText } from "@/lib/server/db/copy-columns";
import type { RecordedFillSource } from "./input-snapshot";

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
  /** Each instrument's contract row (-1: none yet), and each contract row's instrument. */
  private readonly contractRows: Int32Array;
  private readonly instrumentOfContract: number[] = [];
  private instrumentsById: Map<string, number> | null = null;

  /** `instruments`: the contracts the fills may trade, each known by its row here. */
  constructor(
    capacity: number,
    private readonly instruments: readonly InstrumentRow[],
  ) {
    this.columns = createExecutionColumns(capacity);
    this.contracts = createContractColumns(instruments.length);
    this.contractRows = new Int32Array(instruments.length).fill(-1);
  }

  /** A fill whose instrument is named by its id (its row is looked up). */
  add(fill: FillRow): void {
    this.instrumentsById ??= new Map(this.instruments.map((row, index) => [row.id, index]));
    const instrument = this.instrumentsById.get(fill.instrumentId);
    if (instrument === undefined)
      throw new Error(`option instrument ${fill.instrumentId} is referenced but missing`);
    this.addNumbered(
      fill.executionId,
      this.accountNumber(fill.accountId),
      this.contractRow(instrument),
      fill.orderId === null ? -1 : this.orderNumber(fill.orderId),
      (fill.buy ? FILL_BUYS : 0) | (fill.open ? FILL_OPENS : 0),
      micros(fill.quantity, "quantity", fill.executionId),
      micros(fill.price, "price", fill.executionId),
      micros(fill.fees, "fees", fill.executionId),
      fill.executedAt,
      dayNumber(fill.tradeDate),
    );
  }

  /**
   * A fill already made numbers (by `accountNumber`, `contractRow`, `orderNumber`, `DecimalTexts`,
   * `dayNumber`): for a caller that works each distinct value out once, not once per fill.
   */
  addNumbered(
    executionId: string,
    account: number,
    contract: number,
    order: number,
    flags: number,
    quantity: number,
    price: number,
    fees: number,
    executedAt: number,
    tradeDay: number,
  ): number {
    const row = this.columns.count++;
    const columns = this.columns;
    columns.id[row] = executionId;
    columns.account[row] = account;
    columns.contract[row] = contract;
    columns.order[row] = order;
    columns.flags[row] = flags;
    columns.quantity[row] = quantity;
    columns.price[row] = price;
    columns.fees[row] = fees;
    columns.executedAt[row] = executedAt;
    columns.tradeDay[row] = tradeDay;
    return row;
  }

  /** The number of an account, in the order the fills added first name them. */
  accountNumber(accountId: string): number {
    return this.accounts.of(accountId);
  }

  /** The number of a broker order id, likewise. */
  orderNumber(orderId: string): number {
    return this.orders.of(orderId);
  }

  /**
   * What a snapshot recorder reads the fills' values from (`RecordedFillSource`): these columns,
   * as they are when it asks.
   */
  recordedFillSource(): RecordedFillSource {
    return new RecordedFills(this, this.columns, this.accounts.list, this.orders.list);
  }

  /** How many contract rows there are by now. */
  contractCount(): number {
    return this.contracts.count;
  }

  /** The instrument of contract row `row` (`contractRow`). */
  instrumentOfContractRow(row: number): InstrumentRow {
    const instrument = this.instrumentOfContract[row];
    if (instrument === undefined) throw new Error(`no contract in row ${row}`);
    return this.instruments[instrument] as InstrumentRow;
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

  /** The contract row of the instrument in row `instrument`, made the first time a fill asks for it. */
  contractRow(instrument: number): number {
    const known = this.contractRows[instrument];
    if (known === undefined) throw new Error(`no instrument in row ${instrument}`);
    if (known >= 0) return known;
    const { id, underlying, expiration_date, option_type, strike_price, multiplier } = this.instruments[
      instrument
    ] as InstrumentRow;
    const contracts = this.contracts;
    const row = contracts.count++;
    contracts.underlying[row] = underlying;
    contracts.expirationDay[row] = dayNumber(expiration_date);
    contracts.optionType[row] = option_type === "CALL" ? 0 : 1;
    contracts.strike[row] = micros(strike_price, "strike", id);
    contracts.multiplier[row] = micros(multiplier, "multiplier", id);
    this.contractRows[instrument] = row;
    this.instrumentOfContract[row] = instrument;
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

/**
 * The micros of a repeated decimal column's distinct values (`RepeatedText`), each parsed the
 * first time a row asks for it: a value no counted fill uses is never parsed, so a bad one is refused
 * for the same fill, naming the same field, as a parse per fill would.
 */
export class DecimalTexts {
  /** NaN until parsed (a parsed value is a whole number of micros). */
  private readonly micros: Float64Array;

  constructor(
    private readonly column: RepeatedText,
    private readonly field: string,
  ) {
    this.micros = new Float64Array(column.texts.length).fill(Number.NaN);
  }

  /** Row `row`'s value in micros; `rowId` names the row in a refusal. */
  at(row: number, rowId: string): number {
    const number = this.column.rows[row] as number;
    const known = this.micros[number] as number;
    if (!Number.isNaN(known)) return known;
    const parsed = micros(this.column.texts[number] as string, this.field, rowId);
    this.micros[number] = parsed;
    return parsed;
  }
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

/**
 * The columns as a saved input reads them (`RecordedFillSource`). A class, not an object of closures
 * made per recompute: code that calls a closure is compiled again once the closure is gone.
 */
class RecordedFills implements RecordedFillSource {
  constructor(
    private readonly builder: ExecutionColumnsBuilder,
    readonly executions: RecordedFillSource["executions"],
    readonly accounts: readonly string[],
    readonly orders: readonly string[],
  ) {}

  contractCount(): number {
    return this.builder.contractCount();
  }

  instrumentOfContract(row: number): InstrumentRow {
    return this.builder.instrumentOfContractRow(row);
  }
}
