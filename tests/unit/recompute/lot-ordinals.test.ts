import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LotOrdinals } from "@/lib/server/recompute/lot-ordinals";

describe("lot ordinals", () => {
  it("number the lots of one opening fill and one closer 1, 2, 3 in order, apart from other pairs", () => {
    const ordinals = new LotOrdinals();
    const pairs: [string, string][] = [
      ["open-a", "close-x"],
      ["open-a", "close-y"],
      ["open-a", "close-x"],
      ["open-b", "close-x"],
      ["open-a", "close-x"],
      ["open-b", "inferred"],
      ["open-b", "close-x"],
    ];
    expect(pairs.map(([open, closer]) => ordinals.next(open, closer))).toEqual([1, 1, 2, 1, 3, 1, 2]);
  });

  it("give what counting each joined pair gives (the lot keys stored rows were written with)", () => {
    const id = fc.constantFrom("a", "b", "c", "inferred");
    fc.assert(
      fc.property(fc.array(fc.tuple(id, id), { maxLength: 60 }), (pairs) => {
        const ordinals = new LotOrdinals();
        const counts = new Map<string, number>();
        for (const [open, closer] of pairs) {
          const pair = `${open}>${closer}`;
          const expected = (counts.get(pair) ?? 0) + 1;
          counts.set(pair, expected);
          expect(ordinals.next(open, closer)).toBe(expected);
        }
      }),
    );
  });
});
