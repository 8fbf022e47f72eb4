import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { importRobinhoodCsv } from "@/lib/robinhood/csv";

const HEADER =
  '"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"';

function report(...rows: string[]): string {
  return [HEADER, ...rows].join("\n");
}

describe("stock rows of the activity report", () => {
  it("books a fractional purchase at its exact Amount; the cent rounding of Price lands in the fee", () => {
    const imported = importRobinhoodCsv(
      report(
        '"4/14/2023","4/14/2023","4/18/2023","QQQ","Invesco QQQ\nCUSIP: 46090E103\norder batcher","Buy","0.078306","$319.26","($25.00)"',
      ),
    );
    // 0.078306 × 319.26 = 24.999974 (half-even to the micro); 25.00 − 24.999974
    expect(imported.stockTrades).toMatchObject([{ symbol: "QQQ", side: "buy", fees: "0.000026" }]);
    expect(imported.warnings).toEqual([]);
    const result = computePnl({
      executions: [],
      events: [],
      stockTrades: imported.stockTrades,
      marks: {},
      asOf: "2023-04-30",
    });
    expect(result.totals.stockCashFlow).toBe("-25.00");
  });

  it("books a sale's fee as what Amount takes from Price × Quantity", () => {
    const imported = importRobinhoodCsv(
      report('"3/1/2023","3/1/2023","3/3/2023","NIO","NIO\nCUSIP: 62914V106","Sell","100","$9.50","$949.97"'),
    );
    expect(imported.stockTrades).toMatchObject([
      { side: "sell", quantity: "100", price: "9.50", fees: "0.03" },
    ]);
  });

  it("books shares received without cash (REC, SDIV) at no cost", () => {
    const imported = importRobinhoodCsv(
      report(
        '"1/5/2021","1/5/2021","1/5/2021","LXRX","Lexicon Pharmaceuticals\nCUSIP: 528872302","REC","1","",""',
      ),
    );
    expect(imported.rows.map((row) => row.use)).toEqual(["stock-trade"]);
    expect(imported.stockTrades).toMatchObject([
      { symbol: "LXRX", side: "buy", quantity: "1", price: "0", fees: "0" },
    ]);
  });

  it("books the stock side of an event whose option row is missing as a trade, once, with a warning", () => {
    const imported = importRobinhoodCsv(
      report(
        '"7/28/2023","7/28/2023","7/31/2023","NIO","NIO\nCUSIP: 62914V106\n4 NIO Options Assigned","Sell","400","$11.50","$4,599.90"',
      ),
    );
    expect(imported.rows.map((row) => row.use)).toEqual(["stock-trade"]);
    expect(imported.stockTrades).toMatchObject([{ side: "sell", quantity: "400", fees: "0.10" }]);
    expect(imported.warnings.map((warning) => warning.message)).toEqual([
      "stock side of an assignment or exercise whose option row is not in the file; booked as a stock trade",
    ]);
  });

  it("refuses a purchase whose Amount brings cash in, naming the column", () => {
    const imported = importRobinhoodCsv(
      report('"3/1/2023","3/1/2023","3/3/2023","NIO","NIO\nCUSIP: 62914V106","Buy","100","$9.50","$950.00"'),
    );
    expect(imported.stockTrades).toEqual([]);
    expect(imported.errors).toMatchObject([
      { row: 2, column: "Amount", reason: "a Buy amount should be negative (cash out): 950.00" },
    ]);
  });
});
