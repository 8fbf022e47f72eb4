import "server-only";
import type { PendingStep } from "./pending-login";

/** What the sign-in page shows for a step: no password, token or challenge id, only what to ask. */
export type SignInStepView =
  | { kind: "password" }
  | { kind: "mfa"; mfaType: "sms" | "app" }
  | { kind: "challenge_type"; challengeTypes: string[] }
  | { kind: "code"; channel: string; expiresAt: string }
  | { kind: "prompt"; expiresAt: string };

export type SignInResult =
  /** Robinhood authenticated the user and Rollbook saved the credential; finish with the ticket. */
  | { status: "signed-in"; ticket: string }
  | { status: "step"; step: SignInStepView; username: string; message?: string }
  /** Without `step`, the page stays on the step it shows (a typo in a code, say). */
  | { status: "error"; step?: SignInStepView; username?: string; message: string };

export function stepView(step: PendingStep): SignInStepView {
  switch (step.kind) {
    case "mfa":
      return { kind: "mfa", mfaType: step.mfaType };
    case "challenge_type":
      return { kind: "challenge_type", challengeTypes: step.challengeTypes };
    case "challenge":
      return { kind: "code", channel: step.challenge.type, expiresAt: step.challenge.expiresAt };
    case "verification": {
      const { challenge } = step.verification;
      return challenge.type === "prompt"
        ? { kind: "prompt", expiresAt: challenge.expiresAt }
        : { kind: "code", channel: challenge.type, expiresAt: challenge.expiresAt };
    }
  }
}
