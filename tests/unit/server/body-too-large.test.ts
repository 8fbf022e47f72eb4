import { describe, expect, it } from "vitest";
import { bodyTooLargeResponse, isBodyTooLarge, MAX_REQUEST_BODY_BYTES } from "@/lib/http/body-too-large";
import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";
import nextConfig from "@/next.config.js";

const post = (length: number | null, method = "POST") =>
  new Request("http://localhost/imports", {
    method,
    headers: length === null ? {} : { "content-length": String(length) },
  });

describe("the request body limit", () => {
  it("is the limit next.config.js gives server actions and the proxy, and leaves room for a full CSV", () => {
    const toBytes = (value: unknown) => {
      const match = /^(\d+)mb$/.exec(String(value));
      return match ? Number(match[1]) * 1024 * 1024 : Number.NaN;
    };
    expect(toBytes(nextConfig.experimental?.serverActions?.bodySizeLimit)).toBe(MAX_REQUEST_BODY_BYTES);
    expect(toBytes(nextConfig.experimental?.proxyClientMaxBodySize)).toBe(MAX_REQUEST_BODY_BYTES);
    expect(MAX_REQUEST_BODY_BYTES).toBeGreaterThan(MAX_IMPORT_BYTES);
  });

  it("refuses only bodies announced over it", () => {
    expect(isBodyTooLarge(post(MAX_REQUEST_BODY_BYTES))).toBe(false);
    expect(isBodyTooLarge(post(MAX_REQUEST_BODY_BYTES + 1))).toBe(true);
    expect(isBodyTooLarge(post(null))).toBe(false);
  });

  it("answers 413 with a page that says what to do", async () => {
    const response = bodyTooLargeResponse(post(MAX_REQUEST_BODY_BYTES + 1));
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain("That file is too large");
    expect(page).toContain("up to 20 MB");
    expect(page).toContain('href="/imports"');
  });
});
