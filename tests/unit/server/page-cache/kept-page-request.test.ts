import { describe, expect, it } from "vitest";
import { keptPageKey, mayServeKeptPage, type PageRequest } from "@/lib/server/page-cache/kept-page-request";

const get = (pathname: string, headers: Record<string, string> = {}, search = ""): PageRequest => ({
  method: "GET",
  pathname,
  search,
  headers: new Headers({ "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", ...headers }),
});

describe("mayServeKeptPage", () => {
  it("serves the documents of the pages that read only the frame and cached reads", () => {
    for (const path of ["/dashboard", "/chains", "/chains/3f1c", "/positions", "/activity"])
      expect(mayServeKeptPage(get(path)), path).toBe(true);
    expect(mayServeKeptPage(get("/positions", {}, "?sort=unrealized&dir=desc"))).toBe(true);
  });

  it("renders pages that read anything else", () => {
    for (const path of ["/imports", "/imports/1", "/runs", "/settings", "/risk", "/activity/orders/1", "/"])
      expect(mayServeKeptPage(get(path)), path).toBe(false);
  });

  it("renders client navigations, actions, prefetches and other methods", () => {
    // A client navigation's RSC request is a fetch: Next.js removes its RSC header before the proxy.
    expect(mayServeKeptPage(get("/dashboard", { "sec-fetch-dest": "empty", "sec-fetch-mode": "cors" }))).toBe(
      false,
    );
    // A client that does not say what it loads (curl, scripts) gets a render.
    expect(mayServeKeptPage({ ...get("/dashboard"), headers: new Headers() })).toBe(false);
    expect(mayServeKeptPage(get("/dashboard", { rsc: "1" }))).toBe(false);
    expect(mayServeKeptPage(get("/dashboard", { "next-router-prefetch": "1" }))).toBe(false);
    expect(mayServeKeptPage(get("/dashboard", { "next-action": "abc" }))).toBe(false);
    expect(mayServeKeptPage(get("/dashboard", {}, "?_rsc=1x2y"))).toBe(false);
    expect(mayServeKeptPage({ ...get("/dashboard"), method: "POST" })).toBe(false);
    expect(mayServeKeptPage({ ...get("/dashboard"), method: "HEAD" })).toBe(false);
  });

  it("renders a reload that asks for a fresh copy", () => {
    expect(mayServeKeptPage(get("/dashboard", { "cache-control": "no-cache" }))).toBe(false);
    expect(mayServeKeptPage(get("/dashboard", { "cache-control": "max-age=0, no-store" }))).toBe(false);
    expect(mayServeKeptPage(get("/dashboard", { pragma: "no-cache" }))).toBe(false);
    // A plain reload sends max-age=0: the frame read on every request already says what changed.
    expect(mayServeKeptPage(get("/dashboard", { "cache-control": "max-age=0" }))).toBe(true);
  });
});

describe("keptPageKey", () => {
  const parts = {
    userId: "6f1d6f52-7e0a-5c43-9a1e-0d6f0a3b9c11",
    frame: { sessionVersion: 1, dataVersion: "41", freshness: { version: "7" } },
    pathname: "/chains",
    search: "?sort=opened",
    theme: "dark",
    tradingDate: "2026-12-04",
  };

  it("starts with the user it was rendered for", () => {
    expect(keptPageKey(parts).startsWith(`${parts.userId}:`)).toBe(true);
  });

  it("is the same for the same parts and differs when any part differs", () => {
    expect(keptPageKey({ ...parts, frame: { ...parts.frame } })).toBe(keptPageKey(parts));
    const others = [
      { ...parts, userId: "0b7e4c1a-3f55-5d2e-8a9b-1c2d3e4f5a6b" },
      { ...parts, frame: { ...parts.frame, dataVersion: "42" } },
      { ...parts, frame: { ...parts.frame, freshness: { version: "8" } } },
      { ...parts, pathname: "/positions" },
      { ...parts, search: "?sort=opened&dir=desc" },
      { ...parts, theme: "light" },
      { ...parts, tradingDate: "2026-12-05" },
    ];
    const keys = new Set([parts, ...others].map(keptPageKey));
    expect(keys.size).toBe(others.length + 1);
  });
});
