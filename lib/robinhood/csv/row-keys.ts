import { hash as oneShotHash } from "node:crypto";

/**
 * Natural keys for imported rows. A row's hash covers its normalised values (ISO dates, canonical
 * decimals), so the same activity exported twice — or re-saved by a spreadsheet — hashes the same.
 * Identical rows are real (partial fills), so the key adds the occurrence: the first row with a hash
 * is `…:0`, the next identical one `…:1`, and re-importing the file yields the same keys.
 */
export class RowKeys {
  private readonly seen = new DigestCounts();

  next(values: readonly (string | null)[]): { hash: string; occurrence: number; key: string } {
    const digest = rowDigest(values);
    const occurrence = this.seen.increment(digest);
    const hash = digest.toString("hex");
    return { hash, occurrence, key: `${hash}:${occurrence}` };
  }
}

export function rowHash(values: readonly (string | null)[]): string {
  return rowDigest(values).toString("hex");
}

/**
 * The first 16 bytes of the SHA-256 of the values as JSON: the row hash, as bytes. The one-shot
 * `hash` takes half the time of a `Hash` object per row, and leaves no native object to finalize.
 */
function rowDigest(values: readonly (string | null)[]): Buffer {
  return oneShotHash("sha256", JSON.stringify(values), "buffer").subarray(0, DIGEST_BYTES);
}

const DIGEST_BYTES = 16;
const WORDS = DIGEST_BYTES / 4;

/**
 * How many times each 16-byte digest was seen, in an open-addressing table of plain integers. A
 * Map of hex strings held about 70 bytes of JavaScript heap per row of a large file for the whole
 * import (15 MB for 210,000 rows), which the garbage collector's growth heuristics multiplied; this
 * holds at most 40 bytes per row outside the heap (an array buffer) and is exact: whole digests are
 * compared, never a prefix.
 */
export class DigestCounts {
  private words = new Uint32Array(1024 * WORDS);
  /** 0 marks an empty slot; otherwise how many times the slot's digest was seen. */
  private counts = new Uint32Array(1024);
  private size = 0;

  /** Counts one more sighting of `digest` and returns how many there were before it. */
  increment(digest: Buffer): number {
    if (digest.byteLength !== DIGEST_BYTES) throw new Error(`a digest has ${DIGEST_BYTES} bytes`);
    if ((this.size + 1) * 2 > this.counts.length) this.grow();
    const key = [
      digest.readUInt32LE(0),
      digest.readUInt32LE(4),
      digest.readUInt32LE(8),
      digest.readUInt32LE(12),
    ];
    const slot = this.slotOf(key);
    const before = this.counts[slot] as number;
    if (before === 0) {
      this.words.set(key, slot * WORDS);
      this.size++;
    }
    this.counts[slot] = before + 1;
    return before;
  }

  /** The slot holding `key`, or the empty slot where it belongs (linear probing). */
  private slotOf(key: readonly number[]): number {
    const mask = this.counts.length - 1;
    // The digest is already uniformly random: its first word is a good starting slot.
    let slot = (key[0] as number) & mask;
    while (this.counts[slot] !== 0 && !this.holds(slot, key)) slot = (slot + 1) & mask;
    return slot;
  }

  private holds(slot: number, key: readonly number[]): boolean {
    const base = slot * WORDS;
    return (
      this.words[base] === key[0] &&
      this.words[base + 1] === key[1] &&
      this.words[base + 2] === key[2] &&
      this.words[base + 3] === key[3]
    );
  }

  /** Doubles the table (kept at most half full, so probes stay short) and re-inserts every digest. */
  private grow(): void {
    const { words, counts } = this;
    this.words = new Uint32Array(words.length * 2);
    this.counts = new Uint32Array(counts.length * 2);
    for (let slot = 0; slot < counts.length; slot++) {
      if (counts[slot] === 0) continue;
      const key = Array.from(words.subarray(slot * WORDS, slot * WORDS + WORDS));
      const target = this.slotOf(key);
      this.words.set(key, target * WORDS);
      this.counts[target] = counts[slot] as number;
    }
  }
}
