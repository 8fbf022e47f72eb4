import { afterEach, expect, it } from "vitest";

// Its own file: it changes globals and zod's global config for the modules this file loads.
const OriginalFunction = globalThis.Function;
afterEach(() => {
  globalThis.Function = OriginalFunction;
  delete (globalThis as { window?: unknown }).window;
});

it("in the browser, the status schema parses without zod calling new Function (the CSP forbids eval)", async () => {
  const constructed: unknown[][] = [];
  globalThis.Function = new Proxy(OriginalFunction, {
    construct(target, args) {
      constructed.push(args);
      return Reflect.construct(target, args);
    },
  });
  (globalThis as { window?: unknown }).window = {};

  const { freshnessStatusSchema } = await import("@/lib/freshness/status-schema");
  const parsed = freshnessStatusSchema.parse({
    sync: {
      status: "RUNNING",
      startedAt: "2026-11-18T21:59:00.000Z",
      finishedAt: null,
      error: null,
      progress: {
        phase: "orders",
        accounts: 1,
        orderPages: 2,
        orders: 100,
        stockOrders: 0,
        events: 0,
        instruments: 0,
        marks: 0,
      },
    },
    lastSyncedAt: null,
    recompute: null,
    version: "-/-",
  });

  expect(parsed.sync?.progress?.orders).toBe(100);
  expect(constructed).toEqual([]);
});
