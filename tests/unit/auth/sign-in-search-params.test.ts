import { describe, expect, it } from "vitest";
import { chainSearchParams } from "@/app/(app)/chains/search-params";
import { signInSearchParams } from "@/app/sign-in/search-params";

describe("the sign-in page's callbackUrl", () => {
  it("keeps a path on this site", () => {
    expect(signInSearchParams.parse({ callbackUrl: "/chains/abc?status=open" }).callbackUrl).toBe(
      "/chains/abc?status=open",
    );
    expect(signInSearchParams.parse({}).callbackUrl).toBe("/dashboard");
  });

  it("never sends the browser to another site", () => {
    for (const callbackUrl of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
      "dashboard",
      "/ spaced",
      ["/a", "/b"],
    ]) {
      expect(signInSearchParams.parse({ callbackUrl }).callbackUrl).toBe("/dashboard");
    }
  });

  it("ignores unknown reasons", () => {
    expect(signInSearchParams.parse({ reason: "deleted" }).reason).toBe("deleted");
    expect(signInSearchParams.parse({ reason: "<script>" }).reason).toBeUndefined();
  });
});

describe("the chains page's filters", () => {
  it("reads underlying, status and page, normalising the symbol", () => {
    expect(chainSearchParams.parse({ underlying: " aapl ", status: "open", page: "3" })).toEqual({
      underlying: "AAPL",
      status: "open",
      page: 3,
    });
  });

  it("drops malformed values instead of failing the page", () => {
    expect(chainSearchParams.parse({ underlying: "A'; DROP", status: "OPEN", page: "-1" })).toEqual({
      underlying: undefined,
      status: undefined,
      page: undefined,
    });
    expect(chainSearchParams.parse({ underlying: ["AAPL", "TSLA"], page: "2.5" })).toEqual({
      underlying: undefined,
      status: undefined,
      page: undefined,
    });
  });
});
