import Link from "next/link";
import type { ReactNode } from "react";

export function Stat({
  label,
  children,
  note,
  labelHref,
}: {
  label: string;
  children: ReactNode;
  note?: ReactNode;
  /** Where the figure is explained (its breakdown page): the label becomes a link there. */
  labelHref?: string;
}) {
  return (
    <div className="stat">
      <div className="stat-label">
        {labelHref ? (
          <Link href={labelHref} title={`How ${label} is computed, and what it is made of`}>
            {label}
          </Link>
        ) : (
          label
        )}
      </div>
      <div className="stat-value">{children}</div>
      {note ? <div className="stat-note">{note}</div> : null}
    </div>
  );
}
