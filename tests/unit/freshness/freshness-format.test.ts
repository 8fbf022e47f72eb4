import { describe, expect, it } from "vitest";
import { formatAge } from "@/components/format/relative-time";
import { describeProgress, phaseStep } from "@/components/freshness/sync-phase";
import { freshnessStatusSchema } from "@/lib/freshness/status-schema";

const NOW = Date.parse("2026-11-18T22:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe("the data's age", () => {
  it.each([
    [0, "just now"],
    [59_000, "just now"],
    [4 * 60_000 + 30_000, "4 min ago"],
    [3 * 3_600_000, "3 h ago"],
    [47 * 3_600_000, "47 h ago"],
    [3 * 86_400_000, "3 days ago"],
  ])("%i ms old reads %s", (ms, text) => {
    expect(formatAge(ago(ms), NOW)).toBe(text);
  });

  it("never reads as the future when the server's clock is ahead", () => {
    expect(formatAge(new Date(NOW + 5_000).toISOString(), NOW)).toBe("just now");
  });
});

describe("a running sync's progress", () => {
  const progress = {
    phase: "orders" as const,
    accounts: 1,
    orderPages: 3,
    orders: 240,
    stockOrders: 0,
    events: 0,
    instruments: 0,
    marks: 0,
  };

  it("names the phase and what has been fetched", () => {
    expect(describeProgress(progress)).toBe("Fetching options orders · 3 pages, 240 orders");
    expect(describeProgress({ ...progress, phase: "starting", orderPages: 0, orders: 0 })).toBe("Starting");
  });

  it("is a step out of the phases, in the order a sync runs them", () => {
    expect(phaseStep({ ...progress, phase: "starting" })).toEqual({ step: 0, of: 8 });
    expect(phaseStep(progress)).toEqual({ step: 2, of: 8 });
    expect(phaseStep({ ...progress, phase: "succeeded" })).toEqual({ step: 8, of: 8 });
  });
});

describe("the status answer's schema", () => {
  it("refuses a progress with an unknown phase or a negative count", () => {
    const status = {
      sync: {
        status: "RUNNING",
        startedAt: "2026-11-18T21:59:00.000Z",
        finishedAt: null,
        error: null,
        progress: {
          phase: "orders",
          accounts: 1,
          orderPages: 1,
          orders: 50,
          stockOrders: 0,
          events: 0,
          instruments: 0,
          marks: 0,
        },
      },
      lastSyncedAt: null,
      recompute: null,
      version: "-/-",
    };
    expect(freshnessStatusSchema.safeParse(status).success).toBe(true);
    const badPhase = {
      ...status,
      sync: { ...status.sync, progress: { ...status.sync.progress, phase: "dancing" } },
    };
    expect(freshnessStatusSchema.safeParse(badPhase).success).toBe(false);
    const negative = {
      ...status,
      sync: { ...status.sync, progress: { ...status.sync.progress, orders: -1 } },
    };
    expect(freshnessStatusSchema.safeParse(negative).success).toBe(false);
  });
});
