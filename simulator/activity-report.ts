import { formatMinorUnits, formatReportMoney } from "@/lib/money";
import type { SimContract, SimEvent, SimHistory } from "./history/types";
import { newYorkDay, nextTradingDay, usDate } from "./market/calendar";
import { stockSettlementDay } from "./wire/format";

/**
 * Writes a generated history as a Robinhood account activity report (robinhood-csv.md §1–§2):
 * every field quoted, newest first, fees folded into Amount, `S` on rows that reduce a long
 * position, multi-line stock descriptions for assignments and exercises, and the `""` + disclaimer
 * trailer. The rows come from the same executions and events the API serves.
 */
const HEADER = [
  "Activity Date",
  "Process Date",
  "Settle Date",
  "Instrument",
  "Description",
  "Trans Code",
  "Quantity",
  "Price",
  "Amount",
];

export const ACTIVITY_REPORT_DISCLAIMER =
  "The data provided is for informational purposes only. Please consult a professional tax service or personal tax advisor if you need instructions on how to calculate cost basis or questions regarding your specific tax situation. Reminder: This data does not include Robinhood Crypto or Robinhood Spending activity.";

interface Row {
  /** Sort keys, newest first: instant, then a tie-breaker (higher first). */
  at: number;
  tie: number;
  fields: string[];
}

function quote(field: string): string {
  return `"${field.replaceAll('"', '""')}"`;
}

/** `AAPL 2/21/2025 Call $250.00` (thousands comma in the strike, as in `$3,395.00`). */
export function contractDescription(contract: SimContract): string {
  const type = contract.type === "call" ? "Call" : "Put";
  return `${contract.symbol} ${usDate(contract.expirationDay)} ${type} ${formatReportMoney(formatMinorUnits(contract.strikeCents, 2, 2))}`;
}

function dated(day: number, settleDay: number): string[] {
  return [usDate(day), usDate(day), usDate(settleDay)];
}

function tradeRows(history: SimHistory): Row[] {
  const rows: Row[] = [];
  for (const order of history.orders) {
    order.legs.forEach((leg, legIndex) => {
      const code = `${leg.side === "buy" ? "B" : "S"}${leg.positionEffect === "open" ? "TO" : "TC"}`;
      for (const execution of leg.executions) {
        const gross = execution.priceCents * 100 * execution.quantity;
        const amount = leg.side === "sell" ? gross - execution.feeCents : -(gross + execution.feeCents);
        const day = newYorkDay(execution.timestampUs / 1000);
        rows.push({
          at: execution.timestampUs,
          tie: legIndex,
          fields: [
            ...dated(day, nextTradingDay(day)),
            leg.contract.symbol,
            contractDescription(leg.contract),
            code,
            String(execution.quantity),
            formatReportMoney(formatMinorUnits(execution.priceCents, 2, 2)),
            formatReportMoney(formatMinorUnits(amount, 2, 2)),
          ],
        });
      }
    });
  }
  return rows;
}

function eventRows(history: SimHistory, event: SimEvent): Row[] {
  const { contract, equity } = event;
  const optionSettle = nextTradingDay(event.eventDay);
  // `S` marks the row that removes quantity: closing a long (§2.4).
  const quantity = `${event.quantity}${event.positionType === "long" ? "S" : ""}`;
  if (event.type === "expiration") {
    const fields = [
      ...dated(event.eventDay, optionSettle),
      contract.symbol,
      `Option Expiration for ${contractDescription(contract)}`,
      "OEXP",
      quantity,
      "",
      "",
    ];
    return [{ at: event.createdAtUs, tie: 1, fields }];
  }
  const code = event.type === "assignment" ? "OASGN" : "OEXCS";
  const rows: Row[] = [
    {
      at: event.createdAtUs,
      tie: 1,
      fields: [
        ...dated(event.eventDay, optionSettle),
        contract.symbol,
        contractDescription(contract),
        code,
        quantity,
        "",
        "",
      ],
    },
  ];
  if (equity) {
    const instrument = history.stockInstruments.find((s) => s.id === equity.instrumentId);
    const noun = event.quantity === 1 ? "Option" : "Options";
    const verb = event.type === "assignment" ? "Assigned" : "Exercised";
    const description = `${instrument?.simpleName ?? equity.symbol}\nCUSIP: ${instrument?.cusip ?? ""}\n${event.quantity} ${equity.symbol} ${noun} ${verb}`;
    const notional = equity.priceCents * equity.shares;
    const amount = equity.side === "sell" ? notional - equity.feeCents : -notional;
    rows.push({
      at: event.createdAtUs,
      tie: 0,
      fields: [
        ...dated(event.eventDay, stockSettlementDay(event.eventDay)),
        equity.symbol,
        description,
        equity.side === "buy" ? "Buy" : "Sell",
        String(equity.shares),
        formatReportMoney(formatMinorUnits(equity.priceCents, 2, 2)),
        formatReportMoney(formatMinorUnits(amount, 2, 2)),
      ],
    });
  }
  return rows;
}

/**
 * One `Buy`/`Sell` row per equity-order fill: `Name\nCUSIP: …` (two lines, no "Options Assigned"
 * line), shares, price, and the Amount with the sale's fees folded in.
 */
function stockOrderRows(history: SimHistory): Row[] {
  const rows: Row[] = [];
  for (const order of history.stockOrders) {
    const instrument = history.stockInstruments.find((s) => s.id === order.instrumentId);
    const description = `${instrument?.simpleName ?? order.symbol}\nCUSIP: ${instrument?.cusip ?? ""}`;
    for (const execution of order.executions) {
      const notional = execution.priceCents * execution.shares;
      const amount = order.side === "sell" ? notional - execution.feeCents : -notional;
      const day = newYorkDay(execution.timestampUs / 1000);
      rows.push({
        at: execution.timestampUs,
        tie: 0,
        fields: [
          ...dated(day, stockSettlementDay(day)),
          order.symbol,
          description,
          order.side === "buy" ? "Buy" : "Sell",
          String(execution.shares),
          formatReportMoney(formatMinorUnits(execution.priceCents, 2, 2)),
          formatReportMoney(formatMinorUnits(amount, 2, 2)),
        ],
      });
    }
  }
  return rows;
}

export function writeActivityReport(history: SimHistory): string {
  const deposit: Row = {
    at: 0,
    tie: 0,
    fields: [
      ...dated(history.account.depositDay, history.account.depositDay),
      "",
      "ACH Deposit",
      "ACH",
      "",
      "",
      formatReportMoney(formatMinorUnits(history.account.depositCents, 2, 2)),
    ],
  };
  const rows = [
    ...tradeRows(history),
    ...stockOrderRows(history),
    ...history.events.flatMap((event) => eventRows(history, event)),
    deposit,
  ];
  rows.sort((a, b) => b.at - a.at || b.tie - a.tie);
  const lines = [HEADER, ...rows.map((row) => row.fields)].map((fields) => fields.map(quote).join(","));
  lines.push('""');
  lines.push([...Array(9).fill(""), ACTIVITY_REPORT_DISCLAIMER].map(quote).join(","));
  return `${lines.join("\n")}\n`;
}
