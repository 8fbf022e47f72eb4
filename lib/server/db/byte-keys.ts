/**
 * Numbers distinct byte strings in first-seen order, looked up by their bytes: a value read
 * from COPY output (an id, a repeated text) is found again without making a string of it first.
 * Open addressing over FNV-1a hashes; the bytes of every key are kept in one growing arena.
 *
 * Lookups of ids land anywhere in the tables, so what they cost is memory reads, not arithmetic:
 * each slot holds its entry and its key's hash side by side (one read tells a different key
 * apart), and while every key has the same length (the 16 bytes of a binary uuid) a key's bytes
 * lie at its number times that length, without reading where it starts.
 */
export class ByteKeys {
  /** Pairs: entry + 1 (0 for an empty slot), then the entry's hash. */
  private slots = new Int32Array(2048);
  private starts = new Int32Array(257);
  private arena = new Uint8Array(8192);
  /** The length every key has so far; -1 before the first, -2 once two differ. */
  private width = -1;
  count = 0;

  /** The number of `bytes[start, end)`, or -1 when it has none. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashOf(bytes, start, end);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (slots[slot << 1] as number) - 1;
      if (entry < 0) return -1;
      if (slots[(slot << 1) + 1] === hash && this.equals(entry, bytes, start, end)) return entry;
    }
  }

  /** The number of `bytes[start, end)`, given it the next one when it has none. */
  add(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashOf(bytes, start, end);
    let slots = this.slots;
    let mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const entry = (slots[slot << 1] as number) - 1;
      if (entry < 0) break;
      if (slots[(slot << 1) + 1] === hash && this.equals(entry, bytes, start, end)) return entry;
    }
    const entry = this.count++;
    this.store(entry, bytes, start, end);
    // Kept at most half full, so probes stay short.
    if (this.count * 2 > slots.length >> 1) {
      this.rehash();
      slots = this.slots;
      mask = (slots.length >> 1) - 1;
      for (slot = hash & mask; slots[slot << 1] !== 0; slot = (slot + 1) & mask);
    }
    slots[slot << 1] = entry + 1;
    slots[(slot << 1) + 1] = hash;
    return entry;
  }

  /** Whether number `entry` is `bytes[start, end)`. */
  equals(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const width = this.width;
    let from: number;
    if (width >= 0) {
      if (end - start !== width) return false;
      from = entry * width;
    } else {
      from = this.starts[entry] as number;
      if ((this.starts[entry + 1] as number) - from !== end - start) return false;
    }
    const arena = this.arena;
    for (let index = start; index < end; index++)
      if (arena[from + index - start] !== bytes[index]) return false;
    return true;
  }

  private store(entry: number, bytes: Uint8Array, start: number, end: number): void {
    if (entry + 1 >= this.starts.length) this.starts = grown(this.starts, this.starts.length * 2);
    const length = end - start;
    this.width = this.width === -1 || this.width === length ? length : -2;
    const from = this.starts[entry] as number;
    const to = from + length;
    if (to > this.arena.length) this.arena = grown(this.arena, Math.max(to, this.arena.length * 2));
    // Byte by byte: keys are short, and a subarray to copy from would be an object per key.
    const arena = this.arena;
    for (let index = start; index < end; index++) arena[from + index - start] = bytes[index] as number;
    this.starts[entry + 1] = to;
  }

  /** Twice the slots, every key placed again (the new one is placed by the caller). */
  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let pair = 0; pair < old.length; pair += 2) {
      const stored = old[pair] as number;
      if (stored === 0) continue;
      const hash = old[pair + 1] as number;
      let slot = hash & mask;
      while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
      slots[slot << 1] = stored;
      slots[(slot << 1) + 1] = hash;
    }
    this.slots = slots;
  }
}

// Longer keys are hashed by their first and last eight bytes only (with their length): a uuid's
// last hex digits are random in every version (v4's first ones too), and the decimals and dates that
// repeat are shorter. Keys hashed alike are told apart by comparing every byte.
const HASHED_ENDS = 8;

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
  if (end - start <= 2 * HASHED_ENDS) {
    for (let index = start; index < end; index++)
      hash = Math.imul(hash ^ (bytes[index] as number), 0x01000193);
    return hash;
  }
  for (let index = start; index < start + HASHED_ENDS; index++)
    hash = Math.imul(hash ^ (bytes[index] as number), 0x01000193);
  for (let index = end - HASHED_ENDS; index < end; index++)
    hash = Math.imul(hash ^ (bytes[index] as number), 0x01000193);
  return hash;
}

function grown<Array extends Int32Array | Uint8Array>(array: Array, length: number): Array {
  const larger = new (array.constructor as new (length: number) => Array)(length);
  larger.set(array);
  return larger;
}
