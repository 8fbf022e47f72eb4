import { describe, expect, it } from "vitest";
import { type KeptPage, KeptPageStore } from "@/lib/server/page-cache/kept-page-store";

const page = (html: string): KeptPage => ({ html, nonce: "n", headers: [["content-type", "text/html"]] });

describe("KeptPageStore", () => {
  it("serves a page until it is older than its age limit", () => {
    const store = new KeptPageStore({ maxBytes: 10_000, maxAgeMs: 60_000 });
    store.set("a", page("<p>a</p>"), 1_000);
    expect(store.get("a", 61_000)).toMatchObject({ html: "<p>a</p>", keptAt: 1_000 });
    expect(store.get("a", 61_001)).toBeUndefined();
    // Gone, with its bytes.
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it("drops the least recently served page when the bytes run out", () => {
    // Each entry: key 1 + html 100 + nonce 1 + header 21 characters, 2 bytes each = 246 bytes.
    const store = new KeptPageStore({ maxBytes: 4 * 246, maxAgeMs: 60_000 });
    for (const key of ["a", "b", "c", "d"]) store.set(key, page(key.repeat(100)), 0);
    expect(store.bytes).toBe(4 * 246);
    store.get("a", 1); // a is now the most recently served
    store.set("e", page("e".repeat(100)), 2);
    expect(store.get("b", 3)).toBeUndefined();
    expect(["a", "c", "d", "e"].map((key) => store.get(key, 3)?.html.length)).toEqual([100, 100, 100, 100]);
    expect(store.bytes).toBe(4 * 246);
  });

  it("replaces a page kept under the same key without counting it twice", () => {
    const store = new KeptPageStore({ maxBytes: 10_000, maxAgeMs: 60_000 });
    store.set("a", page("old"), 0);
    store.set("a", page("new"), 5);
    expect(store.size).toBe(1);
    expect(store.get("a", 6)?.html).toBe("new");
    expect(store.bytes).toBe(2 * (1 + 3 + 1 + 21));
  });

  it("does not keep a page larger than a quarter of its budget", () => {
    const store = new KeptPageStore({ maxBytes: 1_000, maxAgeMs: 60_000 });
    store.set("small", page("s"), 0);
    store.set("large", page("x".repeat(200)), 0);
    expect(store.get("large", 1)).toBeUndefined();
    expect(store.get("small", 1)?.html).toBe("s");
  });

  it("keeps nothing with a budget of 0", () => {
    const store = new KeptPageStore({ maxBytes: 0, maxAgeMs: 60_000 });
    store.set("a", page("a"), 0);
    expect(store.get("a", 0)).toBeUndefined();
  });
});
