import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DigestCounts, RowKeys, rowHash } from "@/lib/robinhood/csv/row-keys";

const sha = (text: string) => createHash("sha256").update(text).digest();

describe("row keys", () => {
  it("keep the hash earlier imports stored: the first 16 bytes of the SHA-256 of the values as JSON", () => {
    const values = ["2024-05-28", "STO", "1", null];
    expect(rowHash(values)).toBe(sha(JSON.stringify(values)).toString("hex").slice(0, 32));
  });

  it("number identical rows by occurrence, in file order, whatever lies between them", () => {
    const keys = new RowKeys();
    const a = ["2024-05-28", "STO", "1"];
    const b = ["2024-05-28", "BTC", "1"];
    const seen = [a, b, a, a, b].map((values) => keys.next(values));
    expect(seen.map((key) => key.occurrence)).toEqual([0, 0, 1, 2, 1]);
    expect(seen[2]?.key).toBe(`${rowHash(a)}:1`);
  });
});

describe("the compact digest table counts exactly like a map of every digest", () => {
  it("through many growths, with repeats spread over the whole run", () => {
    const table = new DigestCounts();
    const model = new Map<string, number>();
    const wrong: number[] = [];
    for (let index = 0; index < 20_000; index++) {
      // Every seventh digest repeats an earlier one, so counts above one survive each growth.
      const source = index % 7 === 0 ? Math.floor(index / 3) : index;
      const digest = sha(`row ${source}`).subarray(0, 16);
      const hex = digest.toString("hex");
      if (table.increment(digest) !== (model.get(hex) ?? 0)) wrong.push(index);
      model.set(hex, (model.get(hex) ?? 0) + 1);
    }
    expect(wrong).toEqual([]);
    expect(Math.max(...model.values())).toBeGreaterThanOrEqual(2);
  });

  it("tells apart digests that share their first word (the starting slot)", () => {
    const table = new DigestCounts();
    const first = Buffer.alloc(16, 1);
    const second = Buffer.alloc(16, 1);
    second[15] = 2;
    expect([table.increment(first), table.increment(second), table.increment(first)]).toEqual([0, 0, 1]);
  });
});
