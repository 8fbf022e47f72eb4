"use client";

import { useActionState, useEffect, useState } from "react";
import type { FormAction } from "../form-action";
import { ErrorAlert } from "../forms/error-alert";
import { SubmitButton } from "../submit-button";
import type { DemoActionState } from "./demo-action-state";
import { finishSignIn } from "./finish-sign-in";

type DemoButtonProps = {
  action: FormAction<DemoActionState>;
  available: boolean;
};

/**
 * "Open the demo account": signs in to the simulated Robinhood, syncs two years of history and
 * computes P&L on the server, then starts the session and opens the dashboard.
 */
export function DemoButton({ action, available }: DemoButtonProps) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const [finishError, setFinishError] = useState<string | null>(null);
  const finishing = state.status === "signed-in" && finishError === null;

  useEffect(() => {
    if (state.status !== "signed-in") return;
    let cancelled = false;
    finishSignIn(state.ticket, "/dashboard").then((error) => {
      if (!cancelled) setFinishError(error);
    });
    return () => {
      cancelled = true;
    };
  }, [state]);

  const message = state.status === "error" ? state.message : finishError;
  return (
    <form action={formAction} className="stack">
      <SubmitButton
        className="button primary large"
        pending={pending}
        pendingLabel="Opening the demo…"
        disabled={finishing}
      >
        {finishing ? "Opening the dashboard…" : "Open the demo account"}
      </SubmitButton>
      {pending || finishing ? (
        <div className="demo-progress" role="status" aria-live="polite">
          <div className="progress" />
          <span>
            {finishing
              ? "Signing you in…"
              : "Signing in to the simulated Robinhood, syncing two years of options history and computing P&L. This takes a few seconds."}
          </span>
        </div>
      ) : null}
      {!available ? (
        <p className="muted">
          The demo needs the simulated Robinhood (DEMO_ROBINHOOD_URL); `npm run dev` starts it.
        </p>
      ) : null}
      <ErrorAlert message={message} />
    </form>
  );
}
