import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "@/lib/server/auth/client-address";

describe("the client address the per-address sign-in limit counts", () => {
  it("with no trusted proxy, is the address Next.js recorded for the connection", () => {
    expect(clientAddressFrom("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddressFrom("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddressFrom("2001:DB8::1", 0)).toBe("2001:db8::1");
  });

  it("behind one proxy, is the entry that proxy appended, whatever the client wrote before it", () => {
    expect(clientAddressFrom("203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddressFrom("1.2.3.4, 5.6.7.8, 203.0.113.9", 1)).toBe("203.0.113.9");
  });

  it("behind two proxies, is the entry the outer proxy appended", () => {
    expect(clientAddressFrom("1.2.3.4, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("with fewer entries than proxies, falls back to the leftmost", () => {
    expect(clientAddressFrom("203.0.113.9", 3)).toBe("203.0.113.9");
  });

  it("is unknown without the header", () => {
    expect(clientAddressFrom(null, 0)).toBeNull();
    expect(clientAddressFrom(" , ", 1)).toBeNull();
  });
});
