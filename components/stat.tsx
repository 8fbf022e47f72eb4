import type { ReactNode } from "react";

export function Stat({ label, children, note }: { label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
      {note ? <div className="stat-note">{note}</div> : null}
    </div>
  );
}
