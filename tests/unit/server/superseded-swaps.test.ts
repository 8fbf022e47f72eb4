import { describe, expect, it } from "vitest";
import type { PnlExecution } from "@/lib/pnl";
import { withoutSupersededSwaps } from "@/lib/server/recompute/load-corporate-actions";

const fill = (id: string, underlying: string, orderId: string | null): PnlExecution => ({
  id,
  accountId: "acct",
  orderId,
  contract: { underlying, expiration: "2023-10-20", strike: "10", optionType: "call", multiplier: "100" },
  side: "buy",
  positionEffect: "open",
  quantity: "2",
  price: "0",
  fees: "0",
  executedAt: "2023-08-15T12:00:00.000Z",
  tradeDate: "2023-08-15",
});

describe("fills an older importer made of an OCA pair", () => {
  const legacy = [fill("close", "OLDX", "rh-oca:k"), fill("open", "NEWX", "rh-oca:k")];
  const trade = fill("trade", "NEWX", null);

  it("are left out where a stored rename of that date and symbol replaces them", () => {
    const rename = {
      type: "rename" as const,
      id: "rh-oca:k",
      accountId: "acct",
      date: "2023-08-15",
      symbol: "OLDX",
      newSymbol: "NEWX",
    };
    expect(withoutSupersededSwaps([...legacy, trade], [rename]).map((item) => item.id)).toEqual(["trade"]);
  });

  it("stay where no rename says the same", () => {
    const other = {
      type: "rename" as const,
      id: "rh-oca:j",
      accountId: "acct",
      date: "2023-08-16",
      symbol: "OLDX",
      newSymbol: "NEWX",
    };
    expect(withoutSupersededSwaps([...legacy, trade], [other])).toHaveLength(3);
  });
});
