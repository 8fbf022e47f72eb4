import { describe, expect, it } from "vitest";
import { UserReadCache } from "@/lib/server/cache/user-read-cache";

describe("the per-user read cache", () => {
  it("shares one load between concurrent reads of a key", async () => {
    const cache = new UserReadCache(10);
    let loads = 0;
    const load = async () => {
      loads++;
      return { rows: [1, 2, 3] };
    };
    const [a, b] = await Promise.all([cache.read("k", load), cache.read("k", load)]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
  });

  it("forgets a failed load, so the next read loads again", async () => {
    const cache = new UserReadCache(10);
    await expect(cache.read("k", () => Promise.reject(new Error("database down")))).rejects.toThrow();
    expect(await cache.read("k", async () => "fresh")).toBe("fresh");
  });

  it("evicts the least recently used entry beyond its size", async () => {
    const cache = new UserReadCache(2);
    await cache.read("a", async () => "a");
    await cache.read("b", async () => "b");
    await cache.read("a", async () => "a again"); // a hit: a is now the most recent
    await cache.read("c", async () => "c");
    expect(cache.size).toBe(2);
    expect(await cache.read("a", async () => "reloaded")).toBe("a");
    expect(await cache.read("b", async () => "reloaded")).toBe("reloaded");
  });
});
