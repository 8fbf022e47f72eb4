import { describe, expect, it } from "vitest";
import { isAuthorized } from "@/lib/server/cron/with-cron";

const secret = "a-cron-secret-of-some-length";

describe("cron authorization", () => {
  it("accepts exactly the configured bearer secret", () => {
    expect(isAuthorized(`Bearer ${secret}`, secret)).toBe(true);
  });

  it.each([
    ["no header", null],
    ["an empty bearer", "Bearer "],
    ["another secret", "Bearer not-the-secret"],
    ["the secret without the scheme", secret],
    ["a prefix of the secret", `Bearer ${secret.slice(0, -1)}`],
    ["the secret with a suffix", `Bearer ${secret}x`],
  ])("refuses %s", (_label, header) => {
    expect(isAuthorized(header, secret)).toBe(false);
  });
});
