import { z } from "zod";
import { formatMoney, formatQuantity, tryParseDecimal } from "@/lib/money";
import { isDate } from "@/lib/pnl/dates";

/**
 * Field parsers for Robinhood's CSV exports. Each returns a value or a reason, so a bad cell becomes
 * an error naming its row, column and why — never a silent NaN or a dropped row.
 */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): FieldResult<T> => ({ ok: false, reason });

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

/**
 * `M/D/YYYY` (the export), `M/D/YY` (a spreadsheet re-save) and zero-padded forms, to `YYYY-MM-DD`.
 * Two-digit years are 20YY: Robinhood has no activity before 2013.
 */
export function parseUsDate(text: string): FieldResult<string> {
  const match = US_DATE.exec(text.trim());
  if (!match) return fail(`not a date (M/D/YYYY or M/D/YY): ${JSON.stringify(text)}`);
  const year = match[3]?.length === 2 ? `20${match[3]}` : (match[3] ?? "");
  const iso = `${year}-${(match[1] ?? "").padStart(2, "0")}-${(match[2] ?? "").padStart(2, "0")}`;
  return isDate(iso) ? ok(iso) : fail(`not a calendar date: ${JSON.stringify(text)}`);
}

const MONEY = /^(-)?(\()?(-)?\$?([\d,]+(?:\.\d+)?)(\))?$/;

/** `$1,234.56` → "1234.56", `($1,234.56)` → "-1234.56"; spaces are ignored; empty means no cash (null). */
export function parseMoney(text: string): FieldResult<string | null> {
  const trimmed = text.replace(/\s+/g, "");
  if (trimmed === "") return ok(null);
  const match = MONEY.exec(trimmed);
  if (!match || Boolean(match[2]) !== Boolean(match[5]))
    return fail(`not an amount: ${JSON.stringify(text)}`);
  const value = tryParseDecimal((match[4] ?? "").replace(/,/g, ""));
  if (value === null) return fail(`amount has too many decimals or is too large: ${JSON.stringify(text)}`);
  const negative = Boolean(match[1]) || Boolean(match[2]) || Boolean(match[3]);
  return ok(formatMoney(negative ? -value : value));
}

export interface Quantity {
  /** Canonical decimal string, always positive. */
  value: string;
  /** The `S` suffix: the row removes quantity (closes a long, or is the old side of a swap). */
  reduces: boolean;
}

const QUANTITY = /^(\d+(?:\.\d+)?)(S)?$/;

/** `4`, `0.078306`, `1S`; empty is null. */
export function parseQuantity(text: string): FieldResult<Quantity | null> {
  const trimmed = text.trim();
  if (trimmed === "") return ok(null);
  const match = QUANTITY.exec(trimmed);
  const value = match ? tryParseDecimal(match[1] ?? "") : null;
  if (!match || value === null) return fail(`not a quantity: ${JSON.stringify(text)}`);
  return ok({ value: formatQuantity(value), reduces: match[2] === "S" });
}

export interface OptionDescription {
  /** The contract's root symbol (may differ from Instrument for index weeklies). */
  root: string;
  expiration: string;
  optionType: "call" | "put";
  strike: string;
  /** "Option Expiration for " and similar prefixes, if present. */
  prefix: string | null;
}

const OPTION =
  /^(Option Expiration for |Option Assignment for |Option Exercise for )?([A-Z0-9.]+) (\d{1,2}\/\d{1,2}\/\d{4}) (Call|Put) \$([\d,]+\.\d+)$/;

/** `SOFI 8/4/2023 Call $12.00`, `Option Expiration for AMZN 12/31/2021 Call $3,395.00`. */
export function parseOptionDescription(text: string): FieldResult<OptionDescription> {
  const match = OPTION.exec(text.trim());
  if (!match)
    return fail(`not an option description ("ROOT M/D/YYYY Call|Put $STRIKE"): ${JSON.stringify(text)}`);
  const expiration = parseUsDate(match[3] ?? "");
  if (!expiration.ok) return fail(expiration.reason);
  const strike = tryParseDecimal((match[5] ?? "").replace(/,/g, ""));
  if (strike === null || strike <= 0) return fail(`bad strike in ${JSON.stringify(text)}`);
  return ok({
    root: match[2] ?? "",
    expiration: expiration.value,
    optionType: match[4] === "Call" ? "call" : "put",
    strike: formatQuantity(strike),
    prefix: match[1] ?? null,
  });
}

/** A zod string schema running one of the parsers above; failures become zod issues. */
export function csvField<T>(parse: (text: string) => FieldResult<T>) {
  return z.string().transform((text, context) => {
    const result = parse(text);
    if (result.ok) return result.value;
    context.addIssue(result.reason);
    return z.NEVER;
  });
}

export function parseDecimalField(text: string): FieldResult<string> {
  const value = tryParseDecimal(text.trim());
  return value === null ? fail(`not a decimal: ${JSON.stringify(text)}`) : ok(formatQuantity(value));
}
