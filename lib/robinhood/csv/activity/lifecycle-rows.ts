import { formatMoney, formatQuantity, type Micro, mul, negate, parseDecimal, sub } from "@/lib/money";
import type { LifecycleType, PnlLifecycleEvent } from "@/lib/pnl";
import { type OptionDescription, parseOptionDescription } from "../fields";
import type { ImportContext } from "../import-context";
import type { ImportedRow } from "../types";
import type { ActivityRow } from "./activity-row";
import { contractOf } from "./trade-rows";

export const EVENT_CODES: Record<string, LifecycleType> = {
  OEXP: "expiration",
  OASGN: "assignment",
  OEXCS: "exercise",
};

export interface PendingEvent {
  row: ActivityRow;
  event: PnlLifecycleEvent;
  description: OptionDescription;
  stockLeg: ActivityRow | null;
}

/**
 * Assignments and exercises waiting for their stock row, found by date, root and kind. Expirations
 * have no stock row and are not kept, so a long report holds only the few events that can pair.
 */
export class PendingEvents {
  private readonly byKey = new Map<string, PendingEvent[]>();
  private readonly all: PendingEvent[] = [];

  add(pending: PendingEvent): void {
    if (pending.event.type === "expiration") return;
    const key = pendingKey(pending.event.date, pending.description.root, pending.event.type);
    const list = this.byKey.get(key);
    if (list) list.push(pending);
    else this.byKey.set(key, [pending]);
    this.all.push(pending);
  }

  /** The first waiting event, in file order, on this date with this root and kind. */
  find(date: string, root: string, type: LifecycleType, test: (pending: PendingEvent) => boolean) {
    return this.byKey.get(pendingKey(date, root, type))?.find(test);
  }

  [Symbol.iterator](): Iterator<PendingEvent> {
    return this.all[Symbol.iterator]();
  }
}

function pendingKey(date: string, root: string, type: LifecycleType): string {
  return `${date}|${root}|${type}`;
}

/**
 * OEXP / OASGN / OEXCS → a lifecycle event. The `S` suffix says which side closed: with it a long
 * (an expiring long, an exercise), without it a short (an expiring short, an assignment); a row that
 * contradicts its code is an error rather than a guess.
 */
export function importEvent(
  context: ImportContext,
  row: ActivityRow,
  imported: ImportedRow,
): PendingEvent | null {
  const { fields } = row;
  const code = fields["Trans Code"];
  const type = EVENT_CODES[code] as LifecycleType;
  const description = parseOptionDescription(fields.Description);
  if (!description.ok) {
    context.error(row, "Description", description.reason, imported);
    return null;
  }
  if (fields.Quantity === null) {
    context.error(row, "Quantity", `${code} needs a quantity`, imported);
    return null;
  }
  const direction = fields.Quantity.reduces ? "long" : "short";
  if ((type === "assignment" && direction === "long") || (type === "exercise" && direction === "short")) {
    const expected = type === "assignment" ? "without" : "with";
    context.error(
      row,
      "Quantity",
      `${code} closes a ${type === "assignment" ? "short" : "long"}, so its quantity comes ${expected} the S suffix`,
      imported,
    );
    return null;
  }
  if (fields.Amount !== null)
    context.warn(
      row.row,
      `${code} carries an amount (${fields.Amount}); events close at zero and it was ignored`,
    );
  const id = `rh:${imported.key}`;
  const event: PnlLifecycleEvent = {
    id,
    accountId: context.accountId,
    type,
    contract: contractOf(description.value, context.multiplier),
    quantity: fields.Quantity.value,
    date: fields["Activity Date"],
    direction,
    stockFees: null,
  };
  context.addEvent(event);
  context.use(imported, "event", id);
  return { row, event, description: description.value, stockLeg: null };
}

const STOCK_LEG = /^(\d+(?:\.\d+)?) (\S+) Options? (Assigned|Exercised)$/;

/** The "N SYM Options Assigned/Exercised" line of a stock Buy/Sell row, if it has one. */
export function stockLegOf(
  row: ActivityRow,
): { contracts: string; root: string; type: LifecycleType } | null {
  const lines = row.fields.Description.split("\n");
  const match = STOCK_LEG.exec((lines[lines.length - 1] ?? "").trim());
  if (!match || lines.length < 2) return null;
  return {
    contracts: match[1] ?? "",
    root: match[2] ?? "",
    type: match[3] === "Assigned" ? "assignment" : "exercise",
  };
}

/**
 * Pairs each assignment / exercise stock row with its option row (same date, root, kind, strike =
 * Price, contracts) and books the stock fee from its Amount. Returns the stock rows left unpaired.
 */
export function pairStockLegs(
  context: ImportContext,
  pending: PendingEvents,
  legs: ActivityRow[],
): ActivityRow[] {
  const unpaired: ActivityRow[] = [];
  for (const leg of legs) {
    const info = stockLegOf(leg);
    const target =
      info &&
      pending.find(leg.fields["Activity Date"], info.root, info.type, (candidate) =>
        matches(candidate, leg, info),
      );
    if (!info || !target) {
      unpaired.push(leg);
      continue;
    }
    target.stockLeg = leg;
    const { fields } = leg;
    const shares = parseDecimal(fields.Quantity?.value ?? "0");
    const gross = mul(shares, parseDecimal(fields.Price ?? "0"));
    const amount = parseDecimal(fields.Amount ?? "0");
    const fees: Micro = fields["Trans Code"] === "Sell" ? sub(gross, amount) : sub(negate(amount), gross);
    target.event.stockFees = formatMoney(fees);
    const expected = mul(parseDecimal(target.event.quantity), context.multiplierMicro);
    if (shares !== expected) {
      context.warn(
        leg.row,
        `stock leg delivers ${fields.Quantity?.value} shares, not ${formatQuantity(expected)}; the option row's quantity × multiplier was booked`,
      );
    }
  }
  for (const item of pending) {
    if (item.event.type !== "expiration" && item.stockLeg === null) {
      context.warn(
        item.row.row,
        `${item.row.fields["Trans Code"]} has no matching stock row; stock booked at the strike without fees`,
      );
    }
  }
  return unpaired;
}

function matches(
  candidate: PendingEvent,
  leg: ActivityRow,
  info: { contracts: string; root: string; type: LifecycleType },
): boolean {
  if (candidate.stockLeg !== null || candidate.event.type !== info.type) return false;
  if (candidate.event.date !== leg.fields["Activity Date"] || candidate.description.root !== info.root)
    return false;
  if (candidate.event.quantity !== info.contracts || leg.fields.Price === null) return false;
  if (parseDecimal(leg.fields.Price) !== parseDecimal(candidate.description.strike)) return false;
  // A call assigned or a put exercised sells the stock; the other two buy it.
  const sells = (candidate.description.optionType === "call") === (info.type === "assignment");
  return leg.fields["Trans Code"] === (sells ? "Sell" : "Buy");
}
