import { uuidText } from "@/lib/identity/uuid-text";
import { formatDay } from "@/lib/pnl";

/**
 * Values of PostgreSQL's binary COPY format (`COPY … TO STDOUT WITH (FORMAT binary)`), read from
 * the bytes a field takes: each type's send format, as `pg_type`'s send functions write it. Text a
 * column is read as is spelled exactly as the server's text output spells the same value, so a
 * reader may compare or parse it as it did the text format.
 */

/**
 * A field's value as text, from its `length` bytes at `start`; `types` names the PostgreSQL types
 * (`pg_type.typname`, or `enum` for any enum) whose send format it reads. Nothing in the binary
 * format says a field's type: a reader of another type's bytes would make text of them all the same,
 * so the columns of a read are checked against the server's types in a test.
 */
export type BinaryText = ((bytes: Buffer, start: number, length: number) => string) & {
  readonly types: readonly string[];
};

function reader(types: readonly string[], read: (bytes: Buffer, start: number, length: number) => string) {
  return Object.assign(read, { types });
}

/** `text`, `varchar` and enum labels: their UTF-8 bytes, as they are. */
export const TEXT: BinaryText = reader(["text", "varchar", "enum"], (bytes, start, length) =>
  bytes.toString("utf8", start, start + length),
);

/** `uuid`: 16 bytes, spelled in lowercase with dashes. */
export const UUID_TEXT: BinaryText = reader(["uuid"], (bytes, start, length) => {
  if (length !== 16) throw new Error(`a uuid of ${length} bytes`);
  return uuidText(bytes.subarray(start, start + 16));
});

// Days from 1970-01-01 (the engine's day numbers) to PostgreSQL's epoch, 2000-01-01, and to the
// first day of the year 1.
const POSTGRES_EPOCH_DAY = 10_957;
const FIRST_DAY_OF_YEAR_ONE = -719_162;
const DATE_INFINITY = 0x7fffffff;
const DATE_MINUS_INFINITY = -0x80000000;

/**
 * `date`: days from 2000-01-01, spelled `YYYY-MM-DD` as the ISO date style does. Dates before the
 * year 1 (spelled with `BC`) are refused: no date this application stores is one.
 */
export const DATE_TEXT: BinaryText = reader(["date"], (bytes, start, length) => {
  if (length !== 4) throw new Error(`a date of ${length} bytes`);
  const days = bytes.readInt32BE(start);
  if (days === DATE_INFINITY) return "infinity";
  if (days === DATE_MINUS_INFINITY) return "-infinity";
  const day = days + POSTGRES_EPOCH_DAY;
  if (day < FIRST_DAY_OF_YEAR_ONE) throw new Error("a date before the year 1");
  return formatDay(day);
});

const NUMERIC_POSITIVE = 0x0000;
const NUMERIC_NEGATIVE = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_INFINITY = 0xd000;
const NUMERIC_MINUS_INFINITY = 0xf000;

/**
 * `numeric`: base-10000 digits with the weight of the first and the display scale, spelled as
 * `numeric_out` does (PostgreSQL's `get_str_from_var`): the integer part without leading zeros
 * (`0` when there is none), then exactly `dscale` fraction digits.
 */
export const NUMERIC_TEXT: BinaryText = reader(["numeric"], (bytes, start, length) => {
  if (length < 8) throw new Error(`a numeric of ${length} bytes`);
  const count = bytes.readInt16BE(start);
  const weight = bytes.readInt16BE(start + 2);
  const sign = bytes.readUInt16BE(start + 4);
  const scale = bytes.readInt16BE(start + 6);
  if (length !== 8 + 2 * count) throw new Error(`a numeric of ${count} digits in ${length} bytes`);
  if (sign === NUMERIC_NAN) return "NaN";
  if (sign === NUMERIC_INFINITY) return "Infinity";
  if (sign === NUMERIC_MINUS_INFINITY) return "-Infinity";
  if (sign !== NUMERIC_POSITIVE && sign !== NUMERIC_NEGATIVE) throw new Error(`a numeric of sign ${sign}`);
  const digit = (index: number) =>
    index >= 0 && index < count ? bytes.readInt16BE(start + 8 + 2 * index) : 0;
  let text = sign === NUMERIC_NEGATIVE ? "-" : "";
  if (weight < 0) text += "0";
  else {
    text += String(digit(0));
    for (let index = 1; index <= weight; index++) text += String(digit(index)).padStart(4, "0");
  }
  if (scale > 0) {
    let fraction = "";
    for (let index = weight + 1; fraction.length < scale; index++)
      fraction += String(digit(index)).padStart(4, "0");
    text += `.${fraction.slice(0, scale)}`;
  }
  return text;
});

// Milliseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (UTC).
const POSTGRES_EPOCH_MS = 946_684_800_000;
const TWO_TO_32 = 4_294_967_296;

/** The types `timestampMs` reads. */
export const TIMESTAMP_TYPES: readonly string[] = ["timestamptz"];

/**
 * `timestamptz`: microseconds from 2000-01-01 UTC, as epoch milliseconds rounded towards the past
 * (the instant a `Date` of it gives). The infinite timestamps read as the infinities.
 */
export function timestampMs(bytes: Buffer, start: number, length: number): number {
  if (length !== 8) throw new Error(`a timestamp of ${length} bytes`);
  const high = bytes.readInt32BE(start);
  const low = bytes.readUInt32BE(start + 4);
  if (high === 0x7fffffff && low === 0xffffffff) return Number.POSITIVE_INFINITY;
  if (high === -0x80000000 && low === 0) return Number.NEGATIVE_INFINITY;
  // Exact while it fits in 53 bits (about 285 years either side of 2000); `%` of an integer is exact.
  const micros = high * TWO_TO_32 + low;
  if (!Number.isSafeInteger(micros)) throw new Error("a timestamp beyond the years this reads");
  let below = micros % 1000;
  if (below < 0) below += 1000;
  return (micros - below) / 1000 + POSTGRES_EPOCH_MS;
}
