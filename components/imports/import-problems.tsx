import { scrollRegion } from "../tables/scroll-region";
import type { ImportActionState } from "./import-action-state";

type Done = Extract<ImportActionState, { status: "done" }>;

/** The rows that stopped an import (row, line, column, reason), and what was imported on an assumption. */
export function ImportProblems({ state }: { state: Done }) {
  return (
    <>
      {state.errors.length > 0 ? (
        <div className="table-wrap" {...scrollRegion("Problems in the file")}>
          <table aria-label="Rows that could not be read">
            <thead>
              <tr>
                <th className="num">Row</th>
                <th className="num">Line</th>
                <th>Column</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {state.errors.map((error) => (
                <tr key={`${error.row}:${error.column ?? ""}:${error.reason}`}>
                  <td className="num">{error.row}</td>
                  <td className="num">{error.line}</td>
                  <td>{error.column ?? <span className="faint">—</span>}</td>
                  <td>{error.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.errorCount > state.errors.length ? (
            <p className="muted">…and {state.errorCount - state.errors.length} more rows.</p>
          ) : null}
        </div>
      ) : null}
      {state.warnings.length > 0 ? (
        <div className="alert info">
          <p>Imported on an assumption — worth a look:</p>
          <ul>
            {state.warnings.map((warning) => (
              <li key={`${warning.row ?? "file"}:${warning.message}`}>
                {warning.row === null ? "" : `Row ${warning.row}: `}
                {warning.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
