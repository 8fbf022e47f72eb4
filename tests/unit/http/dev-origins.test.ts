import type { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { devOrigins } from "@/lib/http/dev-origins";

type Interfaces = ReturnType<typeof networkInterfaces>;

const machine: Interfaces = {
  lo: [
    { address: "127.0.0.1", family: "IPv4", internal: true, netmask: "255.0.0.0", mac: "", cidr: null },
    { address: "::1", family: "IPv6", internal: true, netmask: "", mac: "", cidr: null, scopeid: 0 },
  ],
  eth0: [
    {
      address: "192.168.1.23",
      family: "IPv4",
      internal: false,
      netmask: "255.255.255.0",
      mac: "",
      cidr: null,
    },
    { address: "fe80::1c2d", family: "IPv6", internal: false, netmask: "", mac: "", cidr: null, scopeid: 2 },
  ],
};

describe("the origins next dev serves its scripts to", () => {
  it("include 127.0.0.1, every network address the terminal may print, and the machine's name", () => {
    const origins = devOrigins({ interfaces: machine, host: "Build-Box" });
    expect(origins).toEqual(
      expect.arrayContaining(["127.0.0.1", "192.168.1.23", "[::1]", "[fe80::1c2d]", "build-box"]),
    );
  });

  it("name each address once and nothing but this machine", () => {
    const origins = devOrigins({ interfaces: machine, host: "build-box" });
    expect(new Set(origins).size).toBe(origins.length);
    expect(origins).toHaveLength(5);
  });

  it("read the real machine when given nothing", () => {
    expect(devOrigins()).toContain("127.0.0.1");
  });
});
