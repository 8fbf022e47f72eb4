"use client";

import { useActionState } from "react";
import type { FormAction } from "../form-action";
import { ErrorAlert } from "../forms/error-alert";
import { SubmitButton } from "../submit-button";
import type { RemoveImportState } from "./import-action-state";

export function RemoveImportForm({
  action,
  importId,
}: {
  action: FormAction<RemoveImportState>;
  importId: string;
}) {
  const [state, formAction, pending] = useActionState(action, { message: null });
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="importId" value={importId} />
      <label className="row">
        <input type="checkbox" name="confirm" value="yes" required />
        Remove the fills and events this file added, and recompute my P&amp;L without them
      </label>
      <ErrorAlert message={state.message} />
      <div>
        <SubmitButton className="button danger" pending={pending} pendingLabel="Removing…">
          Remove import
        </SubmitButton>
      </div>
    </form>
  );
}
