import Link from "next/link";
import { type OptionReconciliation, RECONCILIATION_FORMULA } from "@/lib/analytics/explain";
import { displayMoney } from "@/lib/money";
import { Money } from "../money";
import { scrollRegion } from "../tables/scroll-region";

type TermRow = { label: string; value: string; href: string | null };

function Term({ label, value, href }: TermRow) {
  return (
    <tr>
      <th scope="row">{href ? <Link href={href}>{label}</Link> : label}</th>
      <td className="num">
        <Money value={value} tone signed />
      </td>
    </tr>
  );
}

/** One side of the identity: its terms, then their sum. */
function SideTable({
  caption,
  terms,
  totalLabel,
  total,
  totalTestId,
}: {
  caption: string;
  terms: TermRow[];
  totalLabel: string;
  total: string;
  totalTestId: string;
}) {
  return (
    <div className="table-wrap" {...scrollRegion(caption)}>
      <table>
        <caption>{caption}</caption>
        <tbody>
          {terms.map((term) => (
            <Term key={term.label} {...term} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{totalLabel}</th>
            <td className="num" data-testid={totalTestId}>
              <Money value={total} signed />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * realized + unrealized = cash flows − unmarked open cash + market value, each term from the stored
 * figures and linked to its breakdown; the difference must be exactly zero, and anything else is
 * shown as the data problem it is.
 */
export function ReconciliationCard({
  reconciliation,
  unmarkedPositions,
}: {
  reconciliation: OptionReconciliation;
  unmarkedPositions: number;
}) {
  return (
    <section className="card stack" aria-labelledby="identity-heading">
      <div>
        <h2 id="identity-heading">Does it add up?</h2>
        <p className="muted">
          Every option dollar is either realized, still open, or cash that moved: <br />
          <code>{RECONCILIATION_FORMULA.expression}</code>. Fees are inside every term.
        </p>
      </div>
      <div className="grid-2 identity">
        <SideTable
          caption="Profit and loss"
          terms={[
            { label: "Realized P&L", value: reconciliation.realized, href: "/explain/realized" },
            { label: "+ Unrealized P&L", value: reconciliation.unrealized, href: "/explain/unrealized" },
          ]}
          totalLabel="= Left side"
          total={reconciliation.left}
          totalTestId="identity-left"
        />
        <SideTable
          caption="Cash and value"
          terms={[
            { label: "Cash flows", value: reconciliation.cashFlows, href: "/explain/cash-flows" },
            {
              label: `− Open cash of ${unmarkedPositions} ${unmarkedPositions === 1 ? "position" : "positions"} without a mark`,
              value: reconciliation.unmarkedOpenCash,
              href: null,
            },
            {
              label: "+ Market value of open positions",
              value: reconciliation.marketValue,
              href: "/positions",
            },
          ]}
          totalLabel="= Right side"
          total={reconciliation.right}
          totalTestId="identity-right"
        />
      </div>
      {reconciliation.holds ? (
        <p className="identity-result" data-testid="identity-difference">
          Difference: <strong className="num">{displayMoney(reconciliation.difference)}</strong> — the
          identity holds exactly.
        </p>
      ) : (
        <div className="alert error" role="alert" data-testid="identity-difference">
          <p>
            Difference:{" "}
            <strong className="num">
              {displayMoney(reconciliation.difference, { signed: true })} (exactly {reconciliation.difference}
              )
            </strong>{" "}
            — a data problem: the two sides should be exactly equal.
          </p>
          <p>
            Usually a close whose opening trade is not in your history (a CSV that starts mid-position: import
            an older report too), or figures not rebuilt since the data changed (recompute from the
            dashboard).
          </p>
        </div>
      )}
    </section>
  );
}
