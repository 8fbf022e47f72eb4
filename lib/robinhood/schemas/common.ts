import { z } from "zod";
import { plainDecimal } from "@/lib/money";

/**
 * Robinhood sends every amount, price and quantity as a JSON string. Precision varies by field and
 * era ("196", "6.00000000000000000", "0E-8"), and one captured fixture even has a `$` prefix, so the
 * parser accepts all of those and hands callers one canonical plain decimal string.
 */
const DECIMAL_PATTERN = /^(-?)\$?(\d+)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;

/** Rewrites a decimal literal (optionally with `$` or an exponent) as a plain decimal string. */
export function normalizeDecimal(raw: string): string {
  return plainDecimal(raw.trim().replace(/^(-?)\$/, "$1"));
}

export const decimalString = z
  .string()
  .refine((value) => DECIMAL_PATTERN.test(value.trim()), { error: "expected a decimal string" })
  .transform((value, context) => {
    try {
      return normalizeDecimal(value);
    } catch {
      // An exponent no amount has ("1e400"): lib/money refuses it, and so does the schema.
      context.addIssue({ code: "custom", message: "expected a decimal string of a sane size" });
      return z.NEVER;
    }
  });

/** Lenient UUID: Robinhood ids put a timestamp in the first group and ignore version bits. */
export const robinhoodId = z.guid({ error: "expected a UUID" });

/** ISO 8601 with `Z` or an offset, any sub-second precision (market data uses nanoseconds). */
export const isoTimestamp = z.iso.datetime({ offset: true, message: "expected an ISO 8601 timestamp" });

export const isoDate = z.iso.date({ error: "expected a YYYY-MM-DD date" });

export const absoluteUrl = z.url({ error: "expected an absolute URL" });

export const side = z.enum(["buy", "sell"]);
export const direction = z.enum(["debit", "credit"]);
export const optionType = z.enum(["call", "put"]);

/** Django REST Framework list page: absolute `next` URL, no `count`. */
export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    next: absoluteUrl.nullable(),
    previous: absoluteUrl.nullable().optional(),
    results: z.array(item),
  });
}

/** Market-data batch endpoints return `{results}` with a `null` slot for each unknown id. */
export function batchResults<T extends z.ZodType>(item: T) {
  return z.object({ results: z.array(item.nullable()) });
}
