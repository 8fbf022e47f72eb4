/**
 * Formatting of exact integer amounts. Generated money is held as integer cents (or other integer
 * units) from the first step; nothing here ever multiplies or divides a float.
 */

/** `value` counted in 10^-scale units, printed with `decimals` places (>= scale, so no rounding). */
export function formatScaled(value: number, scale: number, decimals: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer amount: ${value}`);
  if (decimals < scale) throw new Error("formatScaled only pads; round explicitly first");
  const negative = value < 0;
  const digits = Math.abs(value)
    .toString()
    .padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).padEnd(decimals, "0");
  return `${negative ? "-" : ""}${whole}${decimals > 0 ? `.${fraction}` : ""}`;
}

export function formatCents(cents: number, decimals = 2): string {
  return formatScaled(cents, 2, decimals);
}

/** Cents without trailing zeros: `"254"`, `"84.5"` (the 2024 `processed_premium` style). */
export function formatCentsTrimmed(cents: number): string {
  return formatCents(cents).replace(/\.?0+$/, "");
}

/** Integer division rounded half away from zero; the one place generated averages round. */
export function divideRounded(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new Error("divideRounded needs a positive denominator");
  const magnitude = Math.floor((Math.abs(numerator) * 2 + denominator) / (2 * denominator));
  return numerator < 0 ? -magnitude : magnitude;
}

/** `$1,234.56` or `($1,234.56)` as in the activity report's Price and Amount columns. */
export function formatUsd(cents: number): string {
  const [whole = "0", fraction = "00"] = formatCents(Math.abs(cents)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `$${grouped}.${fraction}`;
  return cents < 0 ? `(${text})` : text;
}
