import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ByteKeys } from "@/lib/server/db/byte-keys";

// Values numbered by their bytes, as read from COPY output, in first-seen order.

describe("numbering byte strings", () => {
  it("gives each distinct value the next number and finds it again by its bytes", () => {
    const keys = new ByteKeys();
    const bytes = Buffer.from("x|abc|abd|abc|");
    expect(keys.add(bytes, 2, 5)).toBe(0);
    expect(keys.add(bytes, 6, 9)).toBe(1);
    expect(keys.add(bytes, 10, 13)).toBe(0);
    expect(keys.add(bytes, 14, 14)).toBe(2); // the empty value is one too
    expect(keys.find(Buffer.from("abd"), 0, 3)).toBe(1);
    expect(keys.find(Buffer.from("ab"), 0, 2)).toBe(-1);
    expect(keys.count).toBe(3);
  });

  it("keeps every number through growth, for long keys equal at both ends", () => {
    const keys = new ByteKeys();
    const ids = Array.from({ length: 50_000 }, () => randomUUID());
    // Same first and last eight bytes, different middles: hashed alike, told apart by their bytes.
    const alike = Array.from(
      { length: 300 },
      (_, index) => `aaaaaaaa-${String(index).padStart(6, "0")}-bbbbbbbb`,
    );
    const values = [...ids, ...alike];
    const added = values.map((value) => keys.add(Buffer.from(value), 0, value.length));
    expect(added).toEqual(values.map((_, index) => index));
    const found = values.map((value) => keys.find(Buffer.from(value), 0, value.length));
    expect(found).toEqual(added);
    expect(keys.find(Buffer.from(randomUUID()), 0, 36)).toBe(-1);
  });
});
