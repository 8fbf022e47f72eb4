"use client";

import { useActionState } from "react";
import type { FormAction } from "../form-action";
import { ErrorAlert } from "../forms/error-alert";
import { SubmitButton } from "../submit-button";
import type { DeleteAccountState } from "./delete-account-state";

export function DeleteAccountForm({ action }: { action: FormAction<DeleteAccountState> }) {
  const [state, formAction, pending] = useActionState(action, { message: null });
  return (
    <form action={formAction} className="stack">
      <div className="field">
        <label htmlFor="confirm">Type DELETE to confirm</label>
        <input id="confirm" name="confirm" autoComplete="off" spellCheck={false} required />
      </div>
      <ErrorAlert message={state.message} />
      <div>
        <SubmitButton className="button danger" pending={pending} pendingLabel="Deleting…">
          Delete my account
        </SubmitButton>
      </div>
    </form>
  );
}
