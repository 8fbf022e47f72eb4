import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { byExpiryUnderlyingStrike } from "@/lib/server/queries/position-row";

const position = (id: string, expiration: string, underlying: string, strike: string) => ({
  id,
  instrument: {
    underlying,
    expirationDate: new Date(`${expiration}T00:00:00Z`),
    strikePrice: new Prisma.Decimal(strike),
    optionType: "PUT" as const,
    multiplier: new Prisma.Decimal(100),
  },
});

describe("open positions' order", () => {
  it("puts the nearest expiry first, then the underlying, the strike as a number and the id", () => {
    const positions = [
      position("p6", "2026-02-20", "AAPL", "150"),
      position("p5", "2026-01-16", "TSLA", "200"),
      position("p4", "2026-01-16", "AAPL", "10"),
      position("p3", "2026-01-16", "AAPL", "9.5"),
      position("p2", "2026-01-16", "AAPL", "10"),
    ];
    expect(positions.sort(byExpiryUnderlyingStrike).map((p) => p.id)).toEqual(["p3", "p2", "p4", "p5", "p6"]);
  });
});
