import Link from "next/link";
import type { FillOrigin } from "@/lib/server/queries/activity/activity-types";

/** Where a fill came from: the Robinhood order id, or the imported file's row (linked to the import page). */
export function FillOriginLink({ origin }: { origin: FillOrigin }) {
  if (origin.source === "API") {
    return (
      <span>
        Robinhood order <code>{origin.brokerOrderId}</code>
      </span>
    );
  }
  if (origin.importId === null) return <span className="muted">Imported (file removed)</span>;
  const page = origin.page > 1 ? `?page=${origin.page}` : "";
  return (
    <Link href={`/imports/${origin.importId}${page}#row-${origin.rowNumber}`}>
      {origin.fileName}, row {origin.rowNumber}
    </Link>
  );
}
