import { item } from "./cells";
/**
 * A 64-bit FNV-1a style hash as 16 hex digits, for ids that must be stable across recomputes (chain and
 * roll ids). Pure JavaScript so the engine runs anywhere; not for security.
 */
export function stableHash(parts: readonly string[]): string {
  // Two 32-bit halves of the 64-bit FNV state, multiplied by the FNV prime 2^40 + 2^8 + 0xb3.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  // Parts are hashed one after another with a 0 unit between them, without building a joined string.
  for (let part = 0; part < parts.length; part++) {
    const text = item(parts, part);
    const length = text.length + (part < parts.length - 1 ? 1 : 0);
    for (let index = 0; index < length; index++) {
      const code = index < text.length ? text.charCodeAt(index) : 0;
      // One UTF-16 code unit per step (FNV-1a proper works on bytes; this is the same idea per unit).
      h0 ^= code;
      const t0 = h0 * 0x1b3;
      const t1 = h1 * 0x1b3;
      const t2 = h2 * 0x1b3 + (h0 << 8);
      const t3 = h3 * 0x1b3 + (h1 << 8);
      h0 = t0 & 0xffff;
      const c1 = t1 + (t0 >>> 16);
      h1 = c1 & 0xffff;
      const c2 = t2 + (c1 >>> 16);
      h2 = c2 & 0xffff;
      h3 = (t3 + (c2 >>> 16)) & 0xffff;
    }
  }
  // One string of 16 character codes: rows take ids by the hundred thousand, and formatting each
  // half-word and joining the pieces costs more than the hash itself.
  return String.fromCharCode(
    hexDigit(h3 >>> 12),
    hexDigit(h3 >>> 8),
    hexDigit(h3 >>> 4),
    hexDigit(h3),
    hexDigit(h2 >>> 12),
    hexDigit(h2 >>> 8),
    hexDigit(h2 >>> 4),
    hexDigit(h2),
    hexDigit(h1 >>> 12),
    hexDigit(h1 >>> 8),
    hexDigit(h1 >>> 4),
    hexDigit(h1),
    hexDigit(h0 >>> 12),
    hexDigit(h0 >>> 8),
    hexDigit(h0 >>> 4),
    hexDigit(h0),
  );
}

const HEX_DIGITS = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/** The character code of the lowest four bits of `value` as a lowercase hex digit. */
function hexDigit(value: number): number {
  return item(HEX_DIGITS, value & 15);
}
