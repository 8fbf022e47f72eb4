import { describe, expect, it } from "vitest";
import { dteBucketOf, groupKeyOf, groupStatistics, isoWeekOf } from "@/lib/analytics";
import { closed } from "./support";

describe("grouping closed positions", () => {
  it("puts a position in the year, month and ISO week of its close", () => {
    const position = closed({ realized: "1", closedOn: "2024-12-30" });
    expect(groupKeyOf(position, "year")).toBe("2024");
    expect(groupKeyOf(position, "month")).toBe("2024-12");
    // Monday 30 December 2024 starts the week that holds 2 January 2025: ISO week 1 of 2025.
    expect(groupKeyOf(position, "week")).toBe("2025-W01");
  });

  it("numbers ISO weeks across year ends", () => {
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
    expect(isoWeekOf("2021-01-04")).toBe("2021-W01");
    expect(isoWeekOf("2025-02-14")).toBe("2025-W07");
  });

  it("buckets days to expiration at open, counted from the first open to the first expiration", () => {
    const weekly = closed({ realized: "1", openedOn: "2025-03-03", firstExpiration: "2025-03-07" });
    const monthly = closed({ realized: "1", openedOn: "2025-02-03", firstExpiration: "2025-03-21" });
    const sameDay = closed({ realized: "1", openedOn: "2025-03-07", firstExpiration: "2025-03-07" });
    expect(groupKeyOf(weekly, "dte")).toBe("1-7");
    expect(groupKeyOf(monthly, "dte")).toBe("46-90");
    expect(groupKeyOf(sameDay, "dte")).toBe("0");
    expect(dteBucketOf(45)).toBe("22-45");
    expect(dteBucketOf(46)).toBe("46-90");
    expect(dteBucketOf(null)).toBe("unknown");
  });

  it("groups by underlying and strategy, unlabelled positions last", () => {
    const positions = [
      closed({ id: "1", realized: "10", underlying: "TSLA", strategy: null }),
      closed({ id: "2", realized: "-5", underlying: "AAPL", strategy: "bull-put-spread" }),
      closed({ id: "3", realized: "7", underlying: "TSLA", strategy: "short-put" }),
    ];
    expect(
      groupStatistics(positions, "underlying").map((group) => [group.key, group.statistics.closed]),
    ).toEqual([
      ["AAPL", 1],
      ["TSLA", 2],
    ]);
    expect(groupStatistics(positions, "strategy").map((group) => group.key)).toEqual([
      "bull-put-spread",
      "short-put",
      "unknown",
    ]);
  });

  it("lists periods newest first and DTE buckets shortest first", () => {
    const positions = [
      closed({
        id: "1",
        realized: "1",
        closedOn: "2024-05-01",
        openedOn: "2024-03-01",
        firstExpiration: "2024-05-17",
      }),
      closed({
        id: "2",
        realized: "1",
        closedOn: "2025-01-10",
        openedOn: "2025-01-06",
        firstExpiration: "2025-01-10",
      }),
      closed({
        id: "3",
        realized: "1",
        closedOn: "2024-11-20",
        openedOn: "2024-11-01",
        firstExpiration: "2024-11-22",
      }),
    ];
    expect(groupStatistics(positions, "month").map((group) => group.key)).toEqual([
      "2025-01",
      "2024-11",
      "2024-05",
    ]);
    expect(groupStatistics(positions, "dte").map((group) => group.key)).toEqual(["1-7", "8-21", "46-90"]);
  });
});
