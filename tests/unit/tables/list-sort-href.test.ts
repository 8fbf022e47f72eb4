import { describe, expect, it } from "vitest";
import { listSortHref } from "@/components/tables/list-sort-href";

describe("a server-sorted list's header links", () => {
  it("keep the list's filters and set the sort, dropping empty filters", () => {
    const href = listSortHref<"realized" | "opened">("/chains", {
      underlying: "SOFI",
      status: undefined,
      strategy: "",
    });
    expect(href({ column: "realized", descending: true })).toBe(
      "/chains?underlying=SOFI&sort=realized&dir=desc",
    );
    expect(href({ column: "opened", descending: false })).toBe("/chains?underlying=SOFI&sort=opened&dir=asc");
  });

  it("replace a sort the filters already carried, and encode what they hold", () => {
    const href = listSortHref<"amount">("/activity", { q: "iron condor & co", sort: "date", dir: "asc" });
    expect(href({ column: "amount", descending: true })).toBe(
      "/activity?q=iron+condor+%26+co&sort=amount&dir=desc",
    );
  });
});
