import Link from "next/link";
import type { ImportSummary } from "@/lib/server/queries/list-imports";
import { formatTimestamp } from "../format/dates";
import { scrollRegion } from "../tables/scroll-region";

export function ImportTable({ imports }: { imports: ImportSummary[] }) {
  return (
    <div className="table-wrap" {...scrollRegion("Imported files")}>
      <table>
        <thead>
          <tr>
            <th>File</th>
            <th>Kind</th>
            <th>Imported</th>
            <th className="num">Rows</th>
            <th className="num">New fills and events</th>
            <th className="num">Not used</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((item) => (
            <tr key={item.id}>
              <td>
                <Link href={`/imports/${item.id}`}>
                  <strong>{item.fileName}</strong>
                </Link>
              </td>
              <td>{item.format}</td>
              <td>
                <time dateTime={item.importedAt}>{formatTimestamp(item.importedAt)}</time>
              </td>
              <td className="num">{item.rows}</td>
              <td className="num">{item.imported}</td>
              <td className="num">{item.skipped}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
