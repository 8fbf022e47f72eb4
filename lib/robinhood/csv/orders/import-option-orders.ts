import { parseDecimal } from "@/lib/money";
import type { OptionContract, PnlExecution } from "@/lib/pnl";
import type { FormatReader } from "../format-reader";
import { ImportContext } from "../import-context";
import { PositionTracker } from "../position-tracker";
import type { CsvRecord } from "../read-records";
import { rowHash } from "../row-keys";
import type { CsvImport, CsvImportOptions, ImportedRow } from "../types";
import { mapOrderHeader, type OrderRow, orderKeyValues, parseOrderRow } from "./order-row";
import { splitNetPrice } from "./split-net-price";

interface Leg {
  row: OrderRow;
  imported: ImportedRow;
  contract: OptionContract;
}

const NEW_YORK_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/New_York",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The trading date (America/New_York) of an instant. */
export function newYorkDate(instant: string): string {
  return NEW_YORK_DATE.format(new Date(instant));
}

/**
 * robin_stocks' option-orders export → executions. One row per leg of a filled order; legs of one
 * order share `order_created_at` (and the symbol), which becomes the order id, so one-order rolls
 * are explicit. The export has no per-leg position effect, fill price, fees or lifecycle events:
 * opening/closing come from the strategy columns (for a roll, from the position each leg meets),
 * and a multi-leg order's net price is split across its legs by a fixed rule (split-net-price.ts):
 * its totals are exact, its per-leg prices a convention.
 */
export function importOptionOrders(
  records: readonly CsvRecord[],
  headerIndex: number,
  options: CsvImportOptions = {},
): CsvImport {
  const context = new ImportContext("option-orders", options);
  const reader = optionOrdersReader(context, records[headerIndex] as CsvRecord);
  for (const record of records.slice(headerIndex + 1)) reader.add(record);
  reader.finish();
  return context.result();
}

/**
 * The export read one record at a time. Its legs are booked in time order whatever the file's
 * order, so every leg is kept until `finish`: unlike the activity report, an option-orders export
 * is held whole in memory (robin_stocks writes one row per order leg, a far smaller file).
 */
export function optionOrdersReader(context: ImportContext, header: CsvRecord): FormatReader {
  const columns = mapOrderHeader(header.fields);
  if (Array.isArray(columns)) {
    context.error(header, null, `header is missing column(s): ${columns.join(", ")}`);
    return { add: () => {}, finish: () => {} };
  }
  const orders = new Map<string, Leg[]>();
  const add = (record: CsvRecord) => {
    if (record.fields.every((field) => field.trim() === "")) {
      context.leaveUnused(record, { code: "blank", reason: "empty line", amount: null });
      return;
    }
    const parsed = parseOrderRow(record, columns);
    if ("errors" in parsed) {
      const imported = context.addRow(record, record.fields);
      for (const error of parsed.errors) context.error(record, error.column, error.reason, imported);
      return;
    }
    const { row } = parsed;
    const imported = context.addRow(row, orderKeyValues(row.fields));
    const { fields } = row;
    if (parseDecimal(fields.processed_quantity) === 0) {
      context.leaveUnused(row, { code: "unfilled", reason: "order leg with nothing filled", amount: null });
      return;
    }
    const orderKey = `${fields.order_created_at}|${fields.chain_symbol}`;
    const contract: OptionContract = {
      underlying: fields.chain_symbol,
      expiration: fields.expiration_date,
      strike: fields.strike_price,
      optionType: fields.option_type,
      multiplier: context.multiplier,
    };
    const legs = orders.get(orderKey);
    if (legs) legs.push({ row, imported, contract });
    else orders.set(orderKey, [{ row, imported, contract }]);
  };
  const finish = () => {
    const tracker = new PositionTracker();
    const ordered = [...orders.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let booked = 0;
    let multiLeg = 0;
    for (const [orderKey, legs] of ordered) {
      const made = importOrder(context, tracker, orderKey, legs);
      booked += made;
      if (made > 0 && legs.length > 1) multiLeg++;
    }
    if (multiLeg > 0) {
      context.warn(
        null,
        `${multiLeg} multi-leg order(s): the export has only each order's net price, split evenly across the legs on the order's side (sells for a credit, buys for a debit) and 0 on the others; order totals are exact, per-leg prices are not the broker's`,
      );
    }
    if (booked > 0) {
      context.warn(
        null,
        "this export has no fees and no expirations, assignments or exercises: fees count as 0, and positions past expiry show as expired (inferred)",
      );
    }
  };
  return { add, finish };
}

/** Books one order's legs; returns how many executions it made (0 when the order is an error). */
function importOrder(
  context: ImportContext,
  tracker: PositionTracker,
  orderKey: string,
  legs: Leg[],
): number {
  legs.sort((a, b) => (PositionTracker.key(a.contract) < PositionTracker.key(b.contract) ? -1 : 1));
  const first = (legs[0] as Leg).row.fields;
  const opening = first.opening_strategy !== "";
  const closing = first.closing_strategy !== "";
  if (!opening && !closing) {
    for (const leg of legs)
      context.error(leg.row, "opening_strategy", "neither an opening nor a closing strategy", leg.imported);
    return 0;
  }
  const effects = legs.map((leg) => effectOf(leg, { opening, closing, tracker }));
  const unknown = effects.indexOf(null);
  if (unknown >= 0) {
    const leg = legs[unknown] as Leg;
    context.error(
      leg.row,
      "closing_strategy",
      "roll order whose closing leg cannot be told from the position it meets",
      leg.imported,
    );
    return 0;
  }
  const split = splitNetPrice(
    legs.map((leg) => ({ side: leg.row.fields.side, quantity: leg.row.fields.processed_quantity })),
    first.price,
    first.direction,
  );
  if (!split.even) {
    context.warn(
      (legs[0] as Leg).row.row,
      `multi-leg order whose legs on its side differ in quantity: the net price ${first.price} (${first.direction}) is booked on one leg`,
    );
  }
  const orderId = `rh-order:${rowHash([orderKey])}`;
  const booked: PnlExecution[] = [];
  legs.forEach((leg, index) => {
    const { fields } = leg.row;
    const id = `rh:${leg.imported.key}`;
    const execution: PnlExecution = {
      id,
      accountId: context.accountId,
      orderId,
      legId: id,
      contract: leg.contract,
      side: fields.side,
      positionEffect: effects[index] as "open" | "close",
      quantity: fields.processed_quantity,
      price: split.prices[index] as string,
      fees: "0",
      executedAt: fields.order_created_at,
      tradeDate: newYorkDate(fields.order_created_at),
    };
    context.addExecution(execution);
    booked.push(execution);
    context.use(leg.imported, "execution", id);
  });
  for (const execution of booked) tracker.applyExecution(execution);
  return booked.length;
}

interface EffectContext {
  opening: boolean;
  closing: boolean;
  tracker: PositionTracker;
}

function effectOf(leg: Leg, { opening, closing, tracker }: EffectContext): "open" | "close" | null {
  if (!closing) return "open";
  if (!opening) return "close";
  // A roll: the leg that meets an opposite position closes it; the other opens.
  const held = tracker.get(leg.contract);
  const buy = leg.row.fields.side === "buy";
  if ((buy && held < 0) || (!buy && held > 0)) return "close";
  if (held !== 0) return "open";
  // Nothing known (the opening order predates the file): a single-leg strategy still says it.
  const strategy = leg.row.fields.closing_strategy;
  if (/^short_(call|put)$/.test(strategy)) return buy ? "close" : "open";
  if (/^long_(call|put)$/.test(strategy)) return buy ? "open" : "close";
  return null;
}
