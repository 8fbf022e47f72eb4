import { createHash } from "node:crypto";

/**
 * Natural keys for imported rows. A row's hash covers its normalised values (ISO dates, canonical
 * decimals), so the same activity exported twice — or re-saved by a spreadsheet — hashes the same.
 * Identical rows are real (partial fills), so the key adds the occurrence: the first row with a hash
 * is `…:0`, the next identical one `…:1`, and re-importing the file yields the same keys.
 */
export class RowKeys {
  private readonly seen = new Map<string, number>();

  next(values: readonly (string | null)[]): { hash: string; occurrence: number; key: string } {
    const hash = rowHash(values);
    const occurrence = this.seen.get(hash) ?? 0;
    this.seen.set(hash, occurrence + 1);
    return { hash, occurrence, key: `${hash}:${occurrence}` };
  }
}

export function rowHash(values: readonly (string | null)[]): string {
  // The first 16 bytes as hex, made directly: slicing the 64-character hex would keep the whole
  // digest alive behind every key a large file's import holds.
  return createHash("sha256").update(JSON.stringify(values)).digest().toString("hex", 0, 16);
}
