import "server-only";
import { ByteKeys } from "@/lib/server/db/byte-keys";
import { DATE_TEXT, NUMERIC_TEXT, UUID_TEXT } from "@/lib/server/db/copy-binary-values";
import {
  type CopiedColumns,
  keyColumn,
  nullableTextColumn,
  referenceColumn,
  repeatedTextColumn,
  textColumn,
  timestampMsColumn,
} from "@/lib/server/db/copy-columns";
import { sqlLiteral } from "@/lib/server/db/copy-rows";
import { CSV_ORDER_PREFIX } from "@/lib/server/imports/csv-ids";
import type { InstrumentRow } from "./execution-columns";

// The columns the loader reads by binary COPY (`readInputRows`): the contracts, and the three
// tables with a row per fill, each column with the reader of the type the server sends for it
// (checked against the server by tests/integration/recompute/input-column-types.test.ts).

/**
 * The three tables with a row per fill, read by binary COPY into columns (`copy-columns.ts`) and
 * joined as they are read: a leg names its order and its contract (a row of the contracts read
 * before, numbered by `instrumentKeys`), a fill its leg, by row number, so no id becomes a string.
 * Timestamps come as their microseconds, read to epoch milliseconds (`timestampMs`), decimals as
 * stored (spelled with the column's scale; the micros parse accepts the zeros). What repeats
 * (accounts, sources, sides, dates, quantities, prices, fees) comes as each row's number among the
 * distinct values, each made a string once (`RepeatedText`).
 */
export function fillTableColumns(instrumentKeys = new ByteKeys()) {
  const orderKeys = new ByteKeys();
  const legKeys = new ByteKeys();
  return {
    orders: {
      id: keyColumn("id", orderKeys, UUID_TEXT),
      accountId: repeatedTextColumn("account_id", { as: UUID_TEXT }),
      // An imported fill's made-up order id (`CSV_ORDER_PREFIX`) is read as NULL, "order unknown": not
      // sent, and no string made of it.
      orderId: nullableTextColumn(
        `CASE WHEN starts_with(broker_order_id, ${sqlLiteral(CSV_ORDER_PREFIX)}) THEN NULL ELSE broker_order_id END`,
      ),
      source: repeatedTextColumn("source"),
      openingStrategy: repeatedTextColumn("opening_strategy", { nullable: true }),
    },
    legs: {
      id: keyColumn("id", legKeys, UUID_TEXT),
      order: referenceColumn("order_id", orderKeys, "option_orders", UUID_TEXT),
      instrument: referenceColumn("instrument_id", instrumentKeys, "option_instruments", UUID_TEXT),
      side: repeatedTextColumn("side"),
      positionEffect: repeatedTextColumn("position_effect"),
    },
    executions: {
      brokerExecutionId: textColumn("broker_execution_id"),
      leg: referenceColumn("leg_id", legKeys, "option_legs", UUID_TEXT),
      quantity: repeatedTextColumn("quantity", { as: NUMERIC_TEXT }),
      price: repeatedTextColumn("price", { as: NUMERIC_TEXT }),
      fees: repeatedTextColumn("fees", { as: NUMERIC_TEXT }),
      executedAtMs: timestampMsColumn("executed_at"),
      tradeDate: repeatedTextColumn("trade_date", { as: DATE_TEXT }),
      createdAtMs: timestampMsColumn("created_at"),
    },
  };
}
type FillTableColumns = ReturnType<typeof fillTableColumns>;
export type OrderTable = CopiedColumns<FillTableColumns["orders"]>;
export type LegTable = CopiedColumns<FillTableColumns["legs"]>;
export type ExecutionTable = CopiedColumns<FillTableColumns["executions"]>;

/**
 * The contracts, read by COPY like the fills: most of their values repeat (a few underlyings). Each
 * is numbered by its id's bytes (`instrumentKeys`) as its row, for the legs read after to name it by.
 */
export function instrumentColumns(instrumentKeys = new ByteKeys()) {
  return {
    key: keyColumn("id", instrumentKeys, UUID_TEXT),
    id: textColumn("id", UUID_TEXT),
    underlying: repeatedTextColumn("underlying"),
    expiration_date: repeatedTextColumn("expiration_date", { as: DATE_TEXT }),
    strike_price: repeatedTextColumn("trim_scale(strike_price)", { as: NUMERIC_TEXT }),
    option_type: repeatedTextColumn("option_type"),
    multiplier: repeatedTextColumn("trim_scale(multiplier)", { as: NUMERIC_TEXT }),
  };
}

export function instrumentRows(
  columns: CopiedColumns<ReturnType<typeof instrumentColumns>>,
): InstrumentRow[] {
  const { underlying, expiration_date, strike_price, option_type, multiplier } = columns;
  const rows = new Array<InstrumentRow>(columns.count);
  for (let row = 0; row < columns.count; row++) {
    rows[row] = {
      id: columns.id[row] as string,
      underlying: underlying.texts[underlying.rows[row] as number] as string,
      expiration_date: expiration_date.texts[expiration_date.rows[row] as number] as string,
      strike_price: strike_price.texts[strike_price.rows[row] as number] as string,
      option_type: option_type.texts[option_type.rows[row] as number] as string,
      multiplier: multiplier.texts[multiplier.rows[row] as number] as string,
    };
  }
  return rows;
}

/**
 * The contracts' and the fills' tables, each SELECT (of `inputRowStatements`) with the columns it is
 * decoded into, in the order they are read: a leg's order, and a fill's leg, are found among the rows
 * read before.
 */
export function inputColumnReads(selects: {
  instruments: string;
  orders: string;
  legs: string;
  executions: string;
}) {
  const instrumentKeys = new ByteKeys();
  const columns = fillTableColumns(instrumentKeys);
  return [
    { select: selects.instruments, columns: instrumentColumns(instrumentKeys) },
    { select: selects.orders, columns: columns.orders },
    { select: selects.legs, columns: columns.legs },
    { select: selects.executions, columns: columns.executions },
  ] as const;
}
