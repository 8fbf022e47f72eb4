const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;
const CHAR_MINUS = 45;
const MS_DIGITS = 3;

/**
 * Epoch milliseconds of PostgreSQL's `extract(epoch FROM <timestamptz>)` text (`"1479729600.123456"`,
 * an exact decimal of seconds): the instant the driver's `Date` used to give for the same column,
 * `floor(seconds × 1000)`, with fractions past the millisecond dropped towards the past. The read
 * asks for this instead of the timestamp, whose parse into a `Date` per row was the costliest
 * part of reading a fill. `"Infinity"` and `"-Infinity"` (infinite timestamps) come through as
 * such; any other text is NaN.
 */
export function epochMs(text: string): number {
  const length = text.length;
  const negative = text.charCodeAt(0) === CHAR_MINUS;
  let index = negative ? 1 : 0;
  let seconds = 0;
  let sawDigit = false;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === CHAR_DOT) break;
    if (code < CHAR_0 || code > CHAR_9) return infinity(text);
    seconds = seconds * 10 + (code - CHAR_0);
    sawDigit = true;
  }
  let millis = 0;
  let fractionDigits = 0;
  let belowMillisecond = false;
  if (index < length) {
    for (index++; index < length; index++) {
      const code = text.charCodeAt(index);
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

function infinity(text: string): number {
  if (text === "Infinity") return Number.POSITIVE_INFINITY;
  if (text === "-Infinity") return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}
