const HEX_CODES = Array.from("0123456789abcdef", (digit) => digit.charCodeAt(0));

/**
 * Appends the `digits` low hex digits of `word` (most significant first) to `codes`, as character
 * codes. Ids made this way end in one `String.fromCharCode(...codes)`: a flat string, where joining
 * two-digit pieces would leave a tree of strings for every id kept.
 */
export function pushHexCodes(codes: number[], word: number, digits: number): void {
  for (let shift = (digits - 1) * 4; shift >= 0; shift -= 4)
    codes.push(HEX_CODES[(word >>> shift) & 15] as number);
}

/** The character code of "-". */
export const DASH_CODE = 45;
