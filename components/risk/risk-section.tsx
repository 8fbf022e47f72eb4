import type { ReactNode } from "react";
import type { RiskPositionView } from "@/lib/server/queries/get-risk";
import { EmptyState } from "../empty-state";
import { RiskTable } from "./risk-table";

/** A card of the Risk page: a heading, a one-line summary, then its positions or what it means that there are none. */
export function RiskSection({
  title,
  summary,
  positions,
  label,
  empty,
}: {
  title: string;
  summary: ReactNode;
  positions: RiskPositionView[];
  /** Names the table for screen readers. */
  label: string;
  /** Shown instead of an empty table. */
  empty: string;
}) {
  return (
    <section className="card flush">
      <div className="card-header">
        <h2>{title}</h2>
        <p>{summary}</p>
      </div>
      {positions.length > 0 ? (
        <RiskTable positions={positions} label={label} />
      ) : (
        <EmptyState title={empty} />
      )}
    </section>
  );
}
