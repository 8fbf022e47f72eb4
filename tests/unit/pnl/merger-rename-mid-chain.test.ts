import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";
import { rename } from "./support/corporate-actions";

/**
 * A SPAC merger re-roots the contracts mid-chain (DMYD became GENI on 4/21/2021, Robinhood's OCA
 * rows): three short puts sold on DMYD, one bought back before the merger, the other two rolled down
 * and out under GENI, then closed. One chain from the first sale to the last close; what happened
 * after the rename counts under GENI, where the broker shows it.
 */
describe("merger rename mid-chain (DMYD → GENI)", () => {
  const oldPut = option("DMYD 2021-05-21 20 put");
  const renamedPut = option("GENI 2021-05-21 20 put");
  const rolledPut = option("GENI 2021-06-18 17.5 put");
  const executions = [
    // 3 × 1.50 × 100 = 450.00 − 0.06 fees = +449.94
    fill({
      id: "sto",
      code: "STO",
      contract: oldPut,
      quantity: "3",
      price: "1.50",
      fees: "0.06",
      date: "2021-04-01",
    }),
    // −90.00: closes 1 of 3 under DMYD
    fill({ id: "btc-old", code: "BTC", contract: oldPut, quantity: "1", price: "0.90", date: "2021-04-15" }),
    // One order under the new root: −80.00 and +219.96
    fill({
      id: "roll-close",
      code: "BTC",
      contract: renamedPut,
      quantity: "2",
      price: "0.40",
      date: "2021-05-10",
      orderId: "roll",
    }),
    fill({
      id: "roll-open",
      code: "STO",
      contract: rolledPut,
      quantity: "2",
      price: "1.10",
      fees: "0.04",
      date: "2021-05-10",
      orderId: "roll",
    }),
    // −50.00
    fill({
      id: "btc-new",
      code: "BTC",
      contract: rolledPut,
      quantity: "2",
      price: "0.25",
      date: "2021-06-01",
    }),
  ];
  const merger = rename({ id: "oca-1", date: "2021-04-21", from: "DMYD", to: "GENI" });
  const result = computePnl(input({ asOf: "2021-06-30", executions, corporateActions: [merger] }));
  const chain = result.chains[0];

  it("keeps one chain through the rename and shows the rename as a step", () => {
    expect(result.chains).toHaveLength(1);
    expect(chain).toMatchObject({
      underlying: "GENI",
      side: "short",
      optionType: "put",
      status: "closed",
      openedOn: "2021-04-01",
      closedOn: "2021-06-01",
      // 449.94 − 90 − 80 + 219.96 − 50
      netPremium: "449.90",
      realized: "449.90",
      fees: "0.10",
    });
    expect(chain?.adjustments).toEqual([
      {
        actionId: "oca-1",
        type: "rename",
        date: "2021-04-21",
        from: {
          contractKey: "DMYD|2021-05-21|put|20|100",
          underlying: "DMYD",
          expiration: "2021-05-21",
          strike: "20",
          multiplier: "100",
          quantity: "2",
        },
        to: {
          contractKey: "GENI|2021-05-21|put|20|100",
          underlying: "GENI",
          expiration: "2021-05-21",
          strike: "20",
          multiplier: "100",
          quantity: "2",
        },
        label: "renamed DMYD → GENI",
      },
    ]);
    expect(
      chain?.rolls.map((roll) => [roll.date, roll.from.contractKey, roll.to.contractKey, roll.netCash]),
    ).toEqual([["2021-05-10", "GENI|2021-05-21|put|20|100", "GENI|2021-06-18|put|17.5|100", "139.96"]]);
    // The position opened on DMYD carries on as the GENI contract it ended in.
    expect(
      chain?.legs.map((leg) => [leg.contractKey, leg.openedOn, leg.quantityOpened, leg.realized]),
    ).toEqual([
      ["GENI|2021-05-21|put|20|100", "2021-04-01", "3", "279.94"],
      ["GENI|2021-06-18|put|17.5|100", "2021-05-10", "2", "169.96"],
    ]);
  });

  it("books what happened after the rename under GENI and what happened before under DMYD", () => {
    expect(
      result.matches.map((match) => [match.contractKey, match.closedOn, match.openPrice, match.realized]),
    ).toEqual([
      // 1/3 of 449.94 is 149.98; bought back for 90.00 before the merger
      ["DMYD|2021-05-21|put|20|100", "2021-04-15", "1.50", "59.98"],
      // 2/3 of 449.94 is 299.96; bought back for 80.00 after it
      ["GENI|2021-05-21|put|20|100", "2021-05-10", "1.50", "219.96"],
      ["GENI|2021-06-18|put|17.5|100", "2021-06-01", "1.10", "169.96"],
    ]);
    expect(result.byUnderlying.map((row) => [row.underlying, row.realized, row.cashFlow])).toEqual([
      ["DMYD", "59.98", "359.94"],
      ["GENI", "389.92", "89.96"],
    ]);
    expect(result.totals).toMatchObject({ realized: "449.90", cashFlow: "449.90", unrealized: "0.00" });
    expect(result.issues).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });

  it("creates no P&L on the rename itself and keeps the chain id it had before it", () => {
    const before = computePnl(input({ asOf: "2021-04-20", executions: executions.slice(0, 2), marks: {} }));
    const atRename = computePnl(
      input({
        asOf: "2021-04-21",
        executions: executions.slice(0, 2),
        corporateActions: [merger],
        marks: { "GENI|2021-05-21|put|20|100": "1.00" },
      }),
    );
    expect(atRename.chains[0]?.id).toBe(before.chains[0]?.id);
    expect(atRename.totals.realized).toBe(before.totals.realized);
    expect(atRename.openPositions).toMatchObject([
      // Short 2 with 299.96 of premium left, marked at 1.00: 299.96 − 200.
      {
        contractKey: "GENI|2021-05-21|put|20|100",
        quantity: "-2",
        averagePrice: "1.50",
        unrealized: "99.96",
      },
    ]);
    expect(atRename.chains[0]?.underlying).toBe("GENI");
    expect(reconciled(atRename)).toBe(true);
  });
});
