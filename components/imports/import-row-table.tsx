import type { ImportRowView } from "@/lib/server/queries/get-import";
import { scrollRegion } from "../tables/scroll-region";

const STATUS_LABELS = { USED: "Used", UNUSED: "Not used", DUPLICATE: "Already imported" } as const;

/**
 * The columns worth reading at a glance, from either export: an activity report row has a date,
 * description and amount; an option-orders row has its contract's fields and price.
 */
function summarizeRow(raw: Record<string, string>) {
  if ("Activity Date" in raw) {
    return {
      date: raw["Activity Date"] ?? "",
      description: (raw.Description ?? "").split("\n")[0] ?? "",
      quantity: raw.Quantity ?? "",
      amount: raw.Amount ?? "",
    };
  }
  const contract = [raw.chain_symbol, raw.expiration_date, raw.strike_price, raw.option_type]
    .filter(Boolean)
    .join(" ");
  return {
    date: (raw.order_created_at ?? "").slice(0, 10),
    description: [raw.side, contract].filter(Boolean).join(" "),
    quantity: raw.processed_quantity ?? "",
    amount: raw.price ?? "",
  };
}

export function ImportRowTable({ rows }: { rows: ImportRowView[] }) {
  return (
    <div className="table-wrap" {...scrollRegion("Rows of the file")}>
      <table>
        <thead>
          <tr>
            <th className="num">Row</th>
            <th>Date</th>
            <th>Code</th>
            <th>Description</th>
            <th className="num">Quantity</th>
            <th className="num">Amount or price</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const shown = summarizeRow(row.raw);
            return (
              <tr key={row.rowNumber} id={`row-${row.rowNumber}`}>
                <td className="num">{row.rowNumber}</td>
                <td>{shown.date}</td>
                <td>{row.transCode ?? <span className="faint">—</span>}</td>
                <td>{shown.description}</td>
                <td className="num">{shown.quantity}</td>
                <td className="num">{shown.amount}</td>
                <td>
                  <span className={`badge ${row.status === "USED" ? "good" : ""}`}>
                    {STATUS_LABELS[row.status]}
                  </span>
                  {row.reason ? <div className="muted">{row.reason}</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
