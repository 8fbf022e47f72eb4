"use client";

import { SubmitButton } from "../submit-button";

type FormAction = (form: FormData) => void;

export function PasswordStep(props: { action: FormAction; username: string; pending: boolean }) {
  const { action, username, pending } = props;
  return (
    <form action={action} className="stack">
      <div className="field">
        <label htmlFor="username">Robinhood e-mail or username</label>
        <input
          id="username"
          name="username"
          type="text"
          autoComplete="username"
          defaultValue={username}
          required
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <span className="hint">Sent to Robinhood only. Rollbook keeps the resulting tokens, encrypted.</span>
      </div>
      <SubmitButton pending={pending} pendingLabel="Signing in…">
        Sign in with Robinhood
      </SubmitButton>
    </form>
  );
}

const CHANNELS: Record<string, string> = {
  sms: "by text message",
  email: "by e-mail",
  app: "in your authenticator app",
};

type CodeStepProps = {
  step: { kind: "mfa"; mfaType: "sms" | "app" } | { kind: "code"; channel: string; expiresAt: string };
  username: string;
  action: FormAction;
  pending: boolean;
  onStartOver: () => void;
};

export function CodeStep({ step, username, action, pending, onStartOver }: CodeStepProps) {
  const channel = step.kind === "mfa" ? step.mfaType : step.channel;
  const where = CHANNELS[channel] ?? `by ${channel}`;
  const prompt =
    channel === "app"
      ? "Enter the code shown in your authenticator app."
      : `Robinhood sent a verification code ${where}.`;
  return (
    <form action={action} className="stack">
      <Signing username={username} />
      <p>{prompt}</p>
      <div className="field">
        <label htmlFor="code">Verification code</label>
        <input
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={12}
          required
        />
      </div>
      <div className="row">
        <SubmitButton pending={pending} pendingLabel="Checking…">
          Verify
        </SubmitButton>
        <StartOver onStartOver={onStartOver} />
      </div>
    </form>
  );
}

type ChallengeTypeStepProps = {
  types: string[];
  username: string;
  action: FormAction;
  pending: boolean;
  onStartOver: () => void;
};

export function ChallengeTypeStep({ types, username, action, pending, onStartOver }: ChallengeTypeStepProps) {
  return (
    <form action={action} className="stack">
      <Signing username={username} />
      <p>Robinhood wants to confirm it is you. Where should it send a code?</p>
      <div className="row">
        {types.map((type) => (
          <SubmitButton
            key={type}
            className="button"
            name="challengeType"
            value={type}
            pending={pending}
            pendingLabel="Sending…"
          >
            {type === "sms" ? "Text message" : type === "email" ? "E-mail" : type}
          </SubmitButton>
        ))}
        <StartOver onStartOver={onStartOver} />
      </div>
    </form>
  );
}

type PromptStepProps = { username: string; action: FormAction; pending: boolean; onStartOver: () => void };

export function PromptStep({ username, action, pending, onStartOver }: PromptStepProps) {
  return (
    <form action={action} className="stack">
      <Signing username={username} />
      <p>
        Open the Robinhood app on your phone and approve this sign-in. This page continues by itself once you
        approve.
      </p>
      <div className="demo-progress" role="status" aria-live="polite">
        <div className="progress" />
        <span>Waiting for approval…</span>
      </div>
      <div className="row">
        <SubmitButton className="button" pending={pending} pendingLabel="Checking…">
          I approved it
        </SubmitButton>
        <StartOver onStartOver={onStartOver} />
      </div>
    </form>
  );
}

function Signing({ username }: { username: string }) {
  return username ? (
    <p className="muted">
      Signing in as <strong>{username}</strong>
    </p>
  ) : null;
}

function StartOver({ onStartOver }: { onStartOver: () => void }) {
  return (
    <button type="button" className="button link" onClick={onStartOver}>
      Start over
    </button>
  );
}
