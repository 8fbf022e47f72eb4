import Link from "next/link";
import type { WorkedStep } from "@/lib/analytics/explain";
import { displayMoney } from "@/lib/money";
import type { ExampleSubject } from "@/lib/server/queries/breakdown-examples";
import { ContractLabel } from "../contract";
import { scrollRegion } from "../tables/scroll-region";

export type WorkedExampleCardProps = {
  subject: ExampleSubject | null;
  steps: WorkedStep[];
  /** For money metrics: the rule's result against the stored figure of the same component. */
  check?: {
    result: string;
    stored: string;
    agrees: boolean;
    /** What `stored` is, when it is not the component's stored figure (a portfolio total). */
    storedLabel?: string;
  };
  /** Said when the user has nothing to take an example from. */
  empty: string;
};

const sentenceStart = (text: string) => `${text.slice(0, 1).toUpperCase()}${text.slice(1)}`;

/** The formula with the user's own numbers in it, one line per step, computed exactly. */
export function WorkedExampleCard({ subject, steps, check, empty }: WorkedExampleCardProps) {
  return (
    <section className="card stack" aria-labelledby="example-heading">
      <h2 id="example-heading">Worked example from your data</h2>
      {steps.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          {subject ? (
            <p>
              {subject.contract ? (
                <>
                  <ContractLabel contract={subject.contract} />,{" "}
                </>
              ) : null}
              {subject.description}
              {subject.href ? (
                <>
                  {" "}
                  · <Link href={subject.href}>see its chain</Link>
                </>
              ) : null}
            </p>
          ) : null}
          <div className="table-wrap" {...scrollRegion("The worked example")}>
            <table className="worked-example">
              <caption className="visually-hidden">The formula with these numbers, step by step</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Numbers</th>
                  <th scope="col" className="num">
                    Result
                  </th>
                </tr>
              </thead>
              <tbody>
                {steps.map((step) => (
                  <tr key={step.label}>
                    <th scope="row">{step.label}</th>
                    <td className="num">{step.arithmetic}</td>
                    <td className="num">{step.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {check ? (
            check.agrees ? (
              <p className="muted" data-testid="example-check">
                {check.storedLabel
                  ? sentenceStart(check.storedLabel)
                  : `Stored figure for this ${subject?.contract ? "component" : "example"}`}
                : {displayMoney(check.stored, { signed: true })}, exactly what the formula gives.
              </p>
            ) : check.storedLabel ? (
              <p className="alert error" role="status" data-testid="example-check">
                The formula gives {displayMoney(check.result, { signed: true })} but {check.storedLabel} is{" "}
                {displayMoney(check.stored, { signed: true })}: the two should be exactly equal.
              </p>
            ) : (
              <p className="alert error" role="status" data-testid="example-check">
                The formula gives {displayMoney(check.result, { signed: true })} but{" "}
                {displayMoney(check.stored, { signed: true })} is stored: the figures are out of date or the
                data has a problem. A recompute from the dashboard rebuilds them.
              </p>
            )
          ) : null}
        </>
      )}
    </section>
  );
}
