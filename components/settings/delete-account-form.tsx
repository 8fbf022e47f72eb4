"use client";

import { useActionState } from "react";
import type { deleteAccountAction } from "@/app/(app)/settings/actions";
import { SubmitButton } from "../submit-button";

export function DeleteAccountForm({ action }: { action: typeof deleteAccountAction }) {
  const [state, formAction, pending] = useActionState(action, { message: null });
  return (
    <form action={formAction} className="stack">
      <div className="field">
        <label htmlFor="confirm">Type DELETE to confirm</label>
        <input id="confirm" name="confirm" autoComplete="off" spellCheck={false} required />
      </div>
      {state.message ? (
        <div className="alert error" role="alert">
          {state.message}
        </div>
      ) : null}
      <div>
        <SubmitButton className="button danger" pending={pending} pendingLabel="Deleting…">
          Delete my account
        </SubmitButton>
      </div>
    </form>
  );
}
