import { Fragment } from "react";
import type { Formula } from "@/lib/analytics/explain";

/** A metric's formula as lib/analytics/explain writes it, beside the rule that computes it. */
export function FormulaCard({ formula }: { formula: Formula }) {
  return (
    <section className="card stack" aria-labelledby="formula-heading">
      <h2 id="formula-heading">Formula</h2>
      <p className="formula">
        <code>{formula.expression}</code>
      </p>
      <ul className="formula-rules">
        {formula.rule.map((line) => (
          <li key={line}>
            <code>{line}</code>
          </li>
        ))}
      </ul>
      <dl className="facts">
        {formula.where.map((term) => (
          <Fragment key={term.term}>
            <dt>{term.term}</dt>
            <dd>{term.meaning}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
