import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { ACTIVITY_REPORT_DISCLAIMER, generateUserHistory, writeActivityReport } from "@/simulator";
import type { SimHistory } from "@/simulator/history/types";
import { DEFAULT_USERS, simulatedUserSchema } from "@/simulator/users";
import { TEST_SEED } from "./helpers";

const HEADER =
  '"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"';
/** The option-row pattern that matched every option row of both real public files (robinhood-csv.md §2.1). */
const OPTION_ROW =
  /^(Option Expiration for )?([A-Z0-9.]+) (\d{1,2}\/\d{1,2}\/\d{4}) (Call|Put) \$([\d,]+\.\d{2})$/;
const MONEY = /^\(?\$\d{1,3}(,\d{3})*\.\d{2}\)?$/;
const US_DATE = /^([1-9]|1[0-2])\/([1-9]|[12]\d|3[01])\/\d{4}$/;

let history: SimHistory;
let csv: string;
let records: string[][];
let rows: string[][];

const cents = (money: string) => {
  const negative = money.startsWith("(");
  const value = Math.round(Number(money.replace(/[()$,]/g, "")) * 100);
  return negative ? -value : value;
};
const dayNumber = (usDate: string) => {
  const [m, d, y] = usDate.split("/").map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
};

beforeAll(() => {
  history = generateUserHistory(simulatedUserSchema.parse(DEFAULT_USERS[0]), {
    seed: TEST_SEED,
    now: "2026-11-18T22:00:00Z",
  });
  csv = writeActivityReport(history);
  records = parse(csv, { relax_column_count: true }) as string[][];
  rows = records.slice(1, -2);
});

describe("activity report file format", () => {
  it("quotes every field, uses LF, and ends with the empty line and the 10-field disclaimer", () => {
    expect(csv.split("\n")[0]).toBe(HEADER);
    // Re-quoting every parsed field reproduces the file byte for byte: nothing was left unquoted.
    const requoted = `${records.map((fields) => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(",")).join("\n")}\n`;
    expect(requoted).toBe(csv);
    expect(csv).not.toContain("\r");
    expect(records.at(-2)).toEqual([""]);
    expect(records.at(-1)).toEqual([...Array(9).fill(""), ACTIVITY_REPORT_DISCLAIMER]);
  });

  it("lists rows newest first with M/D/YYYY dates and $ / parentheses amounts", () => {
    let previous = Number.POSITIVE_INFINITY;
    for (const row of rows) {
      expect(row).toHaveLength(9);
      const [activity = "", processed, settle = ""] = row;
      expect(activity).toMatch(US_DATE);
      expect(processed).toBe(activity);
      expect(dayNumber(settle)).toBeGreaterThanOrEqual(dayNumber(activity));
      expect(dayNumber(activity)).toBeLessThanOrEqual(previous);
      previous = dayNumber(activity);
      for (const money of [row[7] ?? "", row[8] ?? ""]) if (money !== "") expect(money).toMatch(MONEY);
    }
    expect(rows.at(-1)?.slice(3)).toEqual(["", "ACH Deposit", "ACH", "", "", "$60,000.00"]);
  });

  it("writes one trade row per execution, with fees folded into Amount", () => {
    const trades = rows.filter((row) => ["BTO", "STO", "BTC", "STC"].includes(row[5] ?? ""));
    const executions = history.orders.flatMap((o) => o.legs.flatMap((l) => l.executions));
    expect(trades).toHaveLength(executions.length);
    for (const [
      ,
      ,
      ,
      instrument,
      description = "",
      code = "",
      quantity = "",
      price = "",
      amount = "",
    ] of trades) {
      expect(description).toMatch(OPTION_ROW);
      expect(description.split(" ")[0]).toBe(instrument);
      const gross = Number(quantity) * 100 * cents(price);
      const fee = code.startsWith("S") ? gross - cents(amount) : -cents(amount) - gross;
      expect(fee).toBeGreaterThan(0);
      expect(fee).toBeLessThanOrEqual(5 * Number(quantity));
    }
  });

  it("marks expirations of long positions and exercises with S, and follows OASGN/OEXCS with the stock row", () => {
    const events = rows
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => ["OEXP", "OASGN", "OEXCS"].includes(row[5] ?? ""));
    expect(events).toHaveLength(history.events.length);
    const longExpirations = history.events.filter(
      (e) => e.type === "expiration" && e.positionType === "long",
    ).length;
    expect(events.filter(({ row }) => row[5] === "OEXP" && row[6]?.endsWith("S"))).toHaveLength(
      longExpirations,
    );
    for (const { row, index } of events) {
      const [, , , symbol, description = "", code, quantity = ""] = row;
      expect(description).toMatch(OPTION_ROW);
      expect(row.slice(7)).toEqual(["", ""]);
      if (code === "OEXP") {
        expect(description.startsWith("Option Expiration for ")).toBe(true);
        continue;
      }
      expect(quantity.endsWith("S")).toBe(code === "OEXCS");
      const contracts = Number.parseInt(quantity, 10);
      const stock = rows[index + 1] ?? [];
      const strike = description.split("$")[1] ?? "";
      const [name, cusip, note] = (stock[4] ?? "").split("\n");
      expect(name?.length).toBeGreaterThan(1);
      expect(cusip).toMatch(/^CUSIP: [0-9A-Z]{9}$/);
      const verb = code === "OASGN" ? "Assigned" : "Exercised";
      expect(note).toBe(`${contracts} ${symbol} ${contracts === 1 ? "Option" : "Options"} ${verb}`);
      expect(stock[3]).toBe(symbol);
      expect(stock[6]).toBe(String(contracts * 100));
      expect(stock[7]).toBe(`$${strike}`);
      expect(["Buy", "Sell"]).toContain(stock[5]);
      const notional = contracts * 100 * cents(`$${strike}`);
      if (stock[5] === "Buy") expect(cents(stock[8] ?? "")).toBe(-notional);
      else expect(notional - cents(stock[8] ?? "")).toBeGreaterThan(0);
    }
  });

  it("sums to the account's cash: the report and the API describe the same money", () => {
    const total = rows.reduce((sum, row) => sum + (row[8] ? cents(row[8]) : 0), 0);
    expect(total).toBe(history.cashCents);
  });

  // The real public export lives beside the project in shared/ (never committed here).
  const sample = new URL(
    "../../../../shared/robinhood-csv-samples/activity-report-excerpt-options.csv",
    import.meta.url,
  );
  it.skipIf(!existsSync(sample))("matches a real export's header and trailer byte for byte", () => {
    const real = readFileSync(sample, "utf8").split("\n");
    const ours = csv.split("\n");
    expect(ours[0]).toBe(real[0]);
    expect(ours.slice(-3)).toEqual(real.slice(-3));
  });
});

describe("equity-order rows", () => {
  it("writes every equity-order fill as a Buy/Sell row with a two-line description and fees in Amount", () => {
    const plain = rows.filter(
      (row) => (row[5] === "Buy" || row[5] === "Sell") && (row[4] ?? "").split("\n").length === 2,
    );
    const fills = history.stockOrders.flatMap((order) => order.executions.map((e) => ({ order, e })));
    expect(fills.length).toBeGreaterThan(10);
    expect(plain.length).toBe(fills.length);
    for (const { order, e } of fills) {
      const instrument = history.stockInstruments.find((s) => s.id === order.instrumentId);
      const notional = e.priceCents * e.shares;
      const match = plain.find(
        (row) =>
          row[3] === order.symbol &&
          row[6] === String(e.shares) &&
          cents(row[7] ?? "") === e.priceCents &&
          cents(row[8] ?? "") === (order.side === "sell" ? notional - e.feeCents : -notional),
      );
      expect(match, `${order.id} ${e.id}`).toBeDefined();
      expect(match?.[4]).toBe(`${instrument?.simpleName}\nCUSIP: ${instrument?.cusip}`);
      expect(match?.[5]).toBe(order.side === "buy" ? "Buy" : "Sell");
    }
  });
});
