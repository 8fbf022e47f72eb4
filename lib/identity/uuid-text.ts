const HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");
const DASH = 0x2d;
// A UUID's text, written byte by byte and read out once: one flat string per id and nothing else
// allocated. Ids are made by the hundred thousand (one per derived row); an array of character
// codes per id, or joined two-digit pieces, cost several times the string itself.
const text = Buffer.alloc(36);
const words = Buffer.alloc(16);

/** The lowercase UUID text of 16 bytes (dashes after bytes 4, 6, 8 and 10). */
export function uuidText(bytes: Uint8Array): string {
  let at = 0;
  for (let byte = 0; byte < 16; byte++) {
    if (byte === 4 || byte === 6 || byte === 8 || byte === 10) text[at++] = DASH;
    const value = bytes[byte] as number;
    text[at++] = HEX_DIGITS[value >>> 4] as number;
    text[at++] = HEX_DIGITS[value & 15] as number;
  }
  return text.toString("latin1", 0, 36);
}

/** The UUID text of four 32-bit words, most significant first. */
export function uuidTextOfWords(w0: number, w1: number, w2: number, w3: number): string {
  words.writeUInt32BE(w0 >>> 0, 0);
  words.writeUInt32BE(w1 >>> 0, 4);
  words.writeUInt32BE(w2 >>> 0, 8);
  words.writeUInt32BE(w3 >>> 0, 12);
  return uuidText(words);
}
