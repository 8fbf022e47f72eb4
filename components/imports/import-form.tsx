"use client";

import { useActionState, useState } from "react";
import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";
import type { FormAction } from "../form-action";
import { SubmitButton } from "../submit-button";
import type { ImportActionState } from "./import-action-state";
import { ImportProblems } from "./import-problems";

/** Upload of one CSV file; shows the result, and every bad row when the file was rejected. */
export function ImportForm({ action }: { action: FormAction<ImportActionState> }) {
  const [state, formAction, pending] = useActionState<ImportActionState, FormData>(action, {
    status: "idle",
  });
  // Checked here too, so a too-large file is refused before it is sent.
  const [tooLarge, setTooLarge] = useState(false);
  return (
    <form action={formAction} className="stack">
      <div className="field">
        <label htmlFor="file">Robinhood CSV file</label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          onChange={(event) => setTooLarge((event.target.files?.[0]?.size ?? 0) > MAX_IMPORT_BYTES)}
        />
      </div>
      {tooLarge ? (
        <div className="alert error" role="alert">
          The file is larger than {MAX_IMPORT_BYTES / 1024 / 1024} MB; export a shorter date range.
        </div>
      ) : null}
      {!pending && state.status === "done" ? (
        <div
          className={`alert ${state.ok ? "success" : "error"}`}
          role={state.ok ? "status" : "alert"}
          key={state.at}
        >
          {state.message}
        </div>
      ) : null}
      {!pending && state.status === "done" ? <ImportProblems state={state} /> : null}
      <div>
        <SubmitButton pending={pending} pendingLabel="Importing and recomputing…" disabled={tooLarge}>
          Import file
        </SubmitButton>
      </div>
    </form>
  );
}
