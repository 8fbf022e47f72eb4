import type { ReactNode } from "react";
import { scrollRegion } from "./tables/scroll-region";

/**
 * A table in the box it scrolls sideways in, with a caption for screen readers only (the heading
 * above it says the same to everyone else). `region` names the scroll box; the caption by default.
 */
export function DataTable({ caption, region, className, sticky = false, children }: DataTableProps) {
  // The props' type asks for `region` whenever the caption is not plain text.
  const label = region ?? (typeof caption === "string" ? caption : "");
  return (
    <div className={sticky ? "table-wrap sticky-head" : "table-wrap"} {...scrollRegion(label)}>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

type DataTableProps = {
  className?: string;
  /** Keep the header row in view while the page scrolls (long lists). */
  sticky?: boolean;
  children: ReactNode;
} & ({ caption: string; region?: string } | { caption: ReactNode; region: string });

/** A column of a header row: its heading, right-aligned (`num`) when the column holds figures. */
export type Column = { label: ReactNode; key?: string; numeric?: boolean };

/** The header row of a table, one `<th scope="col">` per column. */
export function ColumnHeads({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th
            key={column.key ?? String(column.label)}
            scope="col"
            className={column.numeric ? "num" : undefined}
          >
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
