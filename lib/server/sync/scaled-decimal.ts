import "server-only";

/**
 * Exact decimal strings as scaled integers (`"1.25"` → 125n at scale 2), for the little arithmetic a
 * sync does on Robinhood's amounts: fee allocation, signs and stock-trade amounts. No floats.
 */
export type Scaled = { units: bigint; scale: number };

const PLAIN_DECIMAL = /^([-+]?)(\d+)(?:\.(\d*))?$/;

/** Parses a plain decimal string (the client's schemas normalize Robinhood's formats to this). */
export function parseScaled(text: string): Scaled {
  const match = PLAIN_DECIMAL.exec(text.trim());
  if (!match) throw new Error(`not a plain decimal: ${JSON.stringify(text)}`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

/** The same value with trailing fractional zeros removed (`1.2500` → `1.25`). */
export function trimScale(value: Scaled): Scaled {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** Units at a larger scale (exact). */
export function atScale(value: Scaled, scale: number): bigint {
  if (scale < value.scale) throw new Error(`cannot lower the scale of ${formatScaled(value)} exactly`);
  return value.units * 10n ** BigInt(scale - value.scale);
}

export function formatScaled(value: Scaled): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

export function negateDecimal(text: string): string {
  const value = parseScaled(text);
  return formatScaled({ units: -value.units, scale: value.scale });
}

/** `a × b`, exact (the scales add). */
export function multiplyDecimals(a: string, b: string): string {
  const x = parseScaled(a);
  const y = parseScaled(b);
  return formatScaled(trimScale({ units: x.units * y.units, scale: x.scale + y.scale }));
}
