import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBreakdownSearchParams } from "@/app/(app)/explain/search-params";
import { breakdownHref, EXPLAINED_METRICS } from "@/lib/analytics/explain";

describe("a breakdown's settings in the address", () => {
  it("reads the grouping and an inclusive date range", () => {
    expect(parseBreakdownSearchParams({ by: "month", from: "2025-01-01", to: "2025-06-30" })).toEqual({
      by: "month",
      from: "2025-01-01",
      to: "2025-06-30",
      problems: [],
    });
  });

  it("takes the range form's empty fields as open ends", () => {
    expect(parseBreakdownSearchParams({ by: "strategy", from: "", to: "" })).toEqual({
      by: "strategy",
      from: null,
      to: null,
      problems: [],
    });
  });

  it("names each bad setting and keeps the good ones", () => {
    const parsed = parseBreakdownSearchParams({ by: "sector", from: "2025-02-30", to: "2025-03-31" });
    expect(parsed).toMatchObject({ by: undefined, from: null, to: "2025-03-31" });
    expect(parsed.problems).toEqual([
      '"by" must be one of underlying, strategy, expiration, month',
      '"from" must be one real date, written YYYY-MM-DD',
    ]);
    expect(parseBreakdownSearchParams({ from: ["2025-01-01", "2025-02-01"] }).problems).toEqual([
      '"from" must be one real date, written YYYY-MM-DD',
    ]);
  });

  it("leaves out a range that ends before it starts, and says so", () => {
    expect(parseBreakdownSearchParams({ from: "2025-06-01", to: "2025-01-01" })).toEqual({
      by: undefined,
      from: null,
      to: null,
      problems: ['"from" (2025-06-01) is after "to" (2025-01-01), so the range was left out'],
    });
  });

  it("every explained metric has its own route, so any other name matches none and is a 404", () => {
    for (const metric of EXPLAINED_METRICS)
      expect(existsSync(`app/(app)/explain/${metric}/page.tsx`)).toBe(true);
    expect(existsSync("app/(app)/explain/[metric]")).toBe(false);
  });

  it("builds the shareable address, leaving out settings a metric does not take", () => {
    expect(breakdownHref("realized", { by: "month", from: "2025-01-01", to: null })).toBe(
      "/explain/realized?by=month&from=2025-01-01",
    );
    // Unrealized is "now": no range, and no month to group by.
    expect(breakdownHref("unrealized", { by: "month", from: "2025-01-01", to: "2025-02-01" })).toBe(
      "/explain/unrealized?by=underlying",
    );
    // Delta dollars and theta per day are "now" too, over open positions: no range, no month.
    expect(breakdownHref("delta", { by: "month", from: "2025-01-01", to: null })).toBe(
      "/explain/delta?by=underlying",
    );
    expect(breakdownHref("theta", { by: "expiration" })).toBe("/explain/theta?by=expiration");
  });
});
