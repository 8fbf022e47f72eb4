"use client";

import { useCallback, useEffect, useState, useTransition } from "react";
import type { SignInResult, SignInStepView } from "@/lib/server/auth/sign-in-view";
import { ErrorAlert } from "../forms/error-alert";
import { finishSignIn } from "./finish-sign-in";
import { ChallengeTypeStep, CodeStep, PasswordStep, PromptStep } from "./steps";

/** One sign-in step's server action: the step's form in, what the page shows next out. */
export type SignInStepAction = (form?: FormData) => Promise<SignInResult>;

export type SignInActions = {
  password: SignInStepAction;
  code: SignInStepAction;
  challengeType: SignInStepAction;
  approval: SignInStepAction;
  cancel: SignInStepAction;
};

type View = { step: SignInStepView; username: string; message: string | null };

const PROMPT_POLL_MS = 2_500;

/**
 * The multi-step Robinhood sign-in. Each form calls one server action; the answer says which step
 * comes next, or carries the ticket that finishes the sign-in.
 */
export function SignInFlow(props: {
  actions: SignInActions;
  initial: { step: SignInStepView; username: string };
  destination: string;
}) {
  const { actions, destination } = props;
  const [view, setView] = useState<View>({ ...props.initial, message: null });
  const [finishing, setFinishing] = useState(false);
  const [pending, startTransition] = useTransition();

  const handle = useCallback(
    async (result: SignInResult) => {
      if (result.status === "signed-in") {
        setFinishing(true);
        const error = await finishSignIn(result.ticket, destination);
        if (error) {
          setFinishing(false);
          setView({ step: { kind: "password" }, username: "", message: error });
        }
        return;
      }
      setView((previous) => ({
        step: result.step ?? previous.step,
        username: result.username ?? previous.username,
        message: result.status === "error" ? result.message : null,
      }));
    },
    [destination],
  );

  const polling = view.step.kind === "prompt" && !finishing;
  useEffect(() => {
    if (!polling) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const result = await actions.approval();
      if (!stopped) await handle(result);
    }, PROMPT_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [polling, actions, handle]);

  if (finishing) {
    return (
      <div className="stack" role="status" aria-live="polite">
        <div className="progress" />
        <p>Signed in to Robinhood. Opening your dashboard…</p>
      </div>
    );
  }

  const run = (action: (form: FormData) => Promise<SignInResult>) => (form: FormData) => {
    startTransition(async () => handle(await action(form)));
  };
  const startOver = () => startTransition(async () => handle(await actions.cancel()));
  const { step } = view;

  return (
    <div className="stack">
      <ErrorAlert message={view.message} />
      {step.kind === "password" ? (
        <PasswordStep action={run(actions.password)} username={view.username} pending={pending} />
      ) : step.kind === "mfa" || step.kind === "code" ? (
        <CodeStep
          step={step}
          username={view.username}
          action={run(actions.code)}
          pending={pending}
          onStartOver={startOver}
        />
      ) : step.kind === "challenge_type" ? (
        <ChallengeTypeStep
          types={step.challengeTypes}
          username={view.username}
          action={run(actions.challengeType)}
          pending={pending}
          onStartOver={startOver}
        />
      ) : (
        <PromptStep
          username={view.username}
          action={run(async () => actions.approval())}
          pending={pending}
          onStartOver={startOver}
        />
      )}
    </div>
  );
}
