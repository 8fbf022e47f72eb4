const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;
const CHAR_MINUS = 45;
const MS_DIGITS = 3;

/**
 * Epoch milliseconds of PostgreSQL's `extract(epoch FROM <timestamptz>)` text (`"1479729600.123456"`,
 * an exact decimal of seconds): the instant the driver's `Date` used to give for the same column,
 * `floor(seconds × 1000)`, with fractions past the millisecond dropped towards the past. The text
 * reads (events, share trades) ask for this instead of the timestamp, whose parse into a `Date` per
 * row cost more than all else of a row; the binary reads take timestamps as they are
 * (`timestampMsColumn`). `"Infinity"` and `"-Infinity"` (infinite timestamps) come through as
 * such; any other text is NaN.
 */
export function epochMs(text: string): number {
  // As UTF-8, a character other than the ASCII digits, point and sign is no digit either.
  const bytes = Buffer.from(text, "utf8");
  return epochMsOfBytes(bytes, 0, bytes.length);
}

function epochMsOfBytes(bytes: Uint8Array, start: number, end: number): number {
  const negative = bytes[start] === CHAR_MINUS;
  let index = negative ? start + 1 : start;
  let seconds = 0;
  let sawDigit = false;
  for (; index < end; index++) {
    const code = bytes[index] as number;
    if (code === CHAR_DOT) break;
    if (code < CHAR_0 || code > CHAR_9) return infinity(bytes, start, end);
    seconds = seconds * 10 + (code - CHAR_0);
    sawDigit = true;
  }
  let millis = 0;
  let fractionDigits = 0;
  let belowMillisecond = false;
  if (index < end) {
    for (index++; index < end; index++) {
      const code = bytes[index] as number;
      if (code < CHAR_0 || code > CHAR_9) return Number.NaN;
      sawDigit = true;
      if (fractionDigits < MS_DIGITS) millis = millis * 10 + (code - CHAR_0);
      else if (code !== CHAR_0) belowMillisecond = true;
      fractionDigits++;
    }
  }
  if (!sawDigit) return Number.NaN;
  for (let digits = fractionDigits; digits < MS_DIGITS; digits++) millis *= 10;
  const magnitude = seconds * 1000 + millis;
  // Flooring: a negative instant with a part below the millisecond falls to the earlier millisecond.
  return negative ? 0 - magnitude - (belowMillisecond ? 1 : 0) : magnitude;
}

const POSITIVE_INFINITY = Buffer.from("Infinity");
const NEGATIVE_INFINITY = Buffer.from("-Infinity");

function infinity(bytes: Uint8Array, start: number, end: number): number {
  const text = bytes.subarray(start, end);
  if (POSITIVE_INFINITY.equals(text)) return Number.POSITIVE_INFINITY;
  if (NEGATIVE_INFINITY.equals(text)) return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}
