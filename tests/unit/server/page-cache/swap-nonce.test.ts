import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy } from "@/lib/http/security-headers";
import { nonceOfPolicy, swapNonce } from "@/lib/server/page-cache/swap-nonce";

describe("swapNonce", () => {
  it("puts the request's nonce wherever the rendered one was, and nowhere else", () => {
    const rendered = "q+/Zr8mW1x0aBcDeFgHiJw==";
    const html = `<link rel="stylesheet" href="/a.css" nonce="${rendered}"/><script nonce="${rendered}">self.__next_f.push([1,"q+/Z"])</script>`;
    const swapped = swapNonce(html, rendered, "NEWnonce0123456789abcd==");
    expect(swapped).toBe(
      '<link rel="stylesheet" href="/a.css" nonce="NEWnonce0123456789abcd=="/><script nonce="NEWnonce0123456789abcd==">self.__next_f.push([1,"q+/Z"])</script>',
    );
  });
});

describe("nonceOfPolicy", () => {
  it("reads the nonce back from the policy the proxy writes", () => {
    const nonce = "q+/Zr8mW1x0aBcDeFgHiJw==";
    expect(nonceOfPolicy(pageContentSecurityPolicy({ nonce, development: false, https: true }))).toBe(nonce);
  });

  it("is null for a policy without a nonce, or none", () => {
    expect(nonceOfPolicy("default-src 'none'")).toBeNull();
    expect(nonceOfPolicy(null)).toBeNull();
  });
});
