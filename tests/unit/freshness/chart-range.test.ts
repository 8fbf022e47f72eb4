import { describe, expect, it } from "vitest";
import { chartRangeSearchParams, rangeStart } from "@/lib/equity/chart-range";

describe("the chart's range", () => {
  it("counts back from today's New York date", () => {
    expect(rangeStart("1M", "2026-11-18")).toBe("2026-10-18");
    expect(rangeStart("3M", "2026-11-18")).toBe("2026-08-18");
    expect(rangeStart("YTD", "2026-11-18")).toBe("2026-01-01");
    expect(rangeStart("1Y", "2026-11-18")).toBe("2025-11-18");
    expect(rangeStart("ALL", "2026-11-18")).toBeNull();
  });

  it("crosses the year and clamps to the month's last day", () => {
    expect(rangeStart("3M", "2026-02-15")).toBe("2025-11-15");
    expect(rangeStart("1M", "2026-03-31")).toBe("2026-02-28");
    expect(rangeStart("1Y", "2028-02-29")).toBe("2027-02-28");
  });

  it("reads ?range= from the URL, ignoring anything it does not know", () => {
    expect(chartRangeSearchParams.parse({ range: "3M" })).toEqual({ range: "3M" });
    expect(chartRangeSearchParams.parse({ range: "5Y" })).toEqual({ range: undefined });
    expect(chartRangeSearchParams.parse({ range: ["1M", "3M"] })).toEqual({ range: undefined });
    expect(chartRangeSearchParams.parse({})).toEqual({ range: undefined });
  });
});
