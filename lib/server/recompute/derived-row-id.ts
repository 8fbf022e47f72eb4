import { createHash } from "node:crypto";
import { uuidTextOfWords } from "@/lib/identity/uuid-text";
import { uuidV5 } from "@/lib/identity/uuid-v5";

/** Namespace of derived-row ids. Fixed: links to a chain must survive every recompute. */
const DERIVED_NAMESPACE = "4d2c9e1a-7b3f-4a8e-b6d5-1f0e9c8b7a61";

export type DerivedRowKind = "chain" | "lot" | "position" | "stock" | "roll" | "wheel";

/**
 * The id of a derived row, from the user and the row's natural key: a UUID v5 (one SHA-1). Used for
 * chains, whose ids are in page URLs and bookmarks and must never change.
 */
export function derivedRowId(userId: string, kind: DerivedRowKind, key: string) {
  return uuidV5(`${userId}:${kind}:${key}`, DERIVED_NAMESPACE);
}

/**
 * Ids for the many rows nothing links to (lots, positions, rolls, stock rows, wheel cycles): one
 * SHA-1 per user and kind gives four 32-bit seeds, then each key is hashed by four seeded 32-bit
 * multiply-xor lanes (about ten times cheaper than a SHA-1 per row). Deterministic, so two
 * recomputes over the same inputs leave identical rows; 128 bits less the version and variant bits,
 * so a collision among a user's rows is as unlikely as with UUID v5. Formatted as a UUID version 8.
 */
export function derivedRowIds(userId: string, kind: Exclude<DerivedRowKind, "chain">): DerivedRowIds {
  return new DerivedRowIds(userId, kind);
}

/** A user's ids of one kind of row (`derivedRowIds`): a class, so `of` stays compiled between recomputes. */
export class DerivedRowIds {
  private readonly s0: number;
  private readonly s1: number;
  private readonly s2: number;
  private readonly s3: number;

  constructor(userId: string, kind: Exclude<DerivedRowKind, "chain">) {
    const seeds = createHash("sha1").update(`${DERIVED_NAMESPACE}:${userId}:${kind}`).digest();
    this.s0 = seeds.readUInt32BE(0);
    this.s1 = seeds.readUInt32BE(4);
    this.s2 = seeds.readUInt32BE(8);
    this.s3 = seeds.readUInt32BE(12);
  }

  /** The id of the row whose natural key is `key`. */
  of(key: string): string {
    let h0 = this.s0;
    let h1 = this.s1;
    let h2 = this.s2;
    let h3 = this.s3;
    for (let index = 0; index < key.length; index++) {
      const code = key.charCodeAt(index);
      h0 = Math.imul(h0 ^ code, 0x9e3779b1);
      h1 = Math.imul(h1 ^ code, 0x85ebca77);
      h2 = Math.imul(h2 ^ code, 0xc2b2ae3d);
      h3 = Math.imul(h3 ^ code, 0x27d4eb2f);
    }
    return uuidOfWords(finish(h0, h1, h2), finish(h1, h2, h3), finish(h2, h3, h0), finish(h3, h0, h1));
  }
}

// Mixes a lane with two others so every output bit depends on the whole key (murmur3's final mix).
function finish(a: number, b: number, c: number): number {
  let h = a ^ Math.imul(b, 0xcc9e2d51) ^ Math.imul(c, 0x1b873593);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function uuidOfWords(w0: number, w1: number, w2: number, w3: number): string {
  const version = (w1 & 0xffff0fff) | 0x8000; // version 8
  const variant = (w2 & 0x3fffffff) | 0x80000000; // RFC 9562 variant
  return uuidTextOfWords(w0, version, variant, w3);
}
