import { describe, expect, it } from "vitest";
import { derivedRowId, derivedRowIds } from "@/lib/server/recompute/derived-row-id";

const ALICE = "aaaaaaaa-0000-4000-8000-000000000001";
const BOB = "bbbbbbbb-0000-4000-8000-000000000002";
const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("derived row ids", () => {
  it("are the same for the same user, kind and key, run after run", () => {
    const key = "ex-1>ex-2#1";
    expect(derivedRowIds(ALICE, "lot").of(key)).toBe(derivedRowIds(ALICE, "lot").of(key));
    expect(derivedRowIds(ALICE, "lot").of(key)).toMatch(UUID_V8);
  });

  it("keep the values rows were stored with (a change would rewrite every stored row once)", () => {
    expect(derivedRowIds(ALICE, "lot").of("ex-1>ex-2#1")).toBe("19e1ed8a-b7b2-84ad-9c5f-2b362a2844b8");
  });

  it("differ between users, kinds and keys", () => {
    const key = "ex-1>ex-2#1";
    const ids = new Set([
      derivedRowIds(ALICE, "lot").of(key),
      derivedRowIds(BOB, "lot").of(key),
      derivedRowIds(ALICE, "position").of(key),
      derivedRowIds(ALICE, "lot").of("ex-1>ex-2#2"),
    ]);
    expect(ids.size).toBe(4);
  });

  it("do not collide over fifty thousand similar keys of one user", { timeout: 60_000 }, () => {
    const idOf = derivedRowIds(ALICE, "lot");
    const ids = new Set<string>();
    for (let fill = 0; fill < 50_000; fill++) ids.add(idOf.of(`fill-${fill}>fill-${fill + 1}#1`));
    expect(ids.size).toBe(50_000);
  });

  it("keeps chain ids the UUID v5 that page URLs already hold", () => {
    // A chain's id must never change: bookmarks and links point at it.
    expect(derivedRowId(ALICE, "chain", "chain:a1:ex-1")).toBe(derivedRowId(ALICE, "chain", "chain:a1:ex-1"));
    expect(derivedRowId(ALICE, "chain", "chain:a1:ex-1")).toMatch(/^[0-9a-f-]{14}5/);
  });
});
