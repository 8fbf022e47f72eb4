"use server";

import { z } from "zod";
import {
  cancelSignIn,
  checkSignInApproval,
  chooseChallengeType,
  startSignIn,
  submitSignInCode,
} from "@/lib/server/auth/sign-in-steps";
import type { SignInResult } from "@/lib/server/auth/sign-in-view";

// Each step parses its form with zod and calls one function in lib/server/auth. They run before a
// session exists, so there is no session to check; the pending-login cookie carries the state.

const passwordForm = z.object({
  username: z
    .string({ error: "Enter your Robinhood e-mail or username." })
    .trim()
    .min(1, "Enter your Robinhood e-mail or username.")
    .max(254),
  password: z
    .string({ error: "Enter your Robinhood password." })
    .min(1, "Enter your Robinhood password.")
    .max(1024),
});

const codeForm = z.object({
  code: z
    .string({ error: "Enter the code Robinhood sent you." })
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{4,10}$/, "Enter the code Robinhood sent you: digits only.")),
});

const challengeTypeForm = z.object({
  challengeType: z
    .string({ error: "Choose where Robinhood should send the code." })
    .regex(/^[a-z_]{2,20}$/, "Choose where Robinhood should send the code."),
});

function invalid(error: z.ZodError, step?: "password"): SignInResult {
  const message = error.issues[0]?.message ?? "Check the form and try again.";
  return step ? { status: "error", step: { kind: step }, message } : { status: "error", message };
}

export async function submitPasswordAction(form: FormData): Promise<SignInResult> {
  const parsed = passwordForm.safeParse({ username: form.get("username"), password: form.get("password") });
  if (!parsed.success) return invalid(parsed.error, "password");
  return startSignIn(parsed.data);
}

export async function submitCodeAction(form: FormData): Promise<SignInResult> {
  const parsed = codeForm.safeParse({ code: form.get("code") });
  if (!parsed.success) return invalid(parsed.error);
  return submitSignInCode(parsed.data);
}

export async function chooseChallengeTypeAction(form: FormData): Promise<SignInResult> {
  const parsed = challengeTypeForm.safeParse({ challengeType: form.get("challengeType") });
  if (!parsed.success) return invalid(parsed.error);
  return chooseChallengeType(parsed.data);
}

export async function checkApprovalAction(): Promise<SignInResult> {
  return checkSignInApproval();
}

export async function cancelSignInAction(): Promise<SignInResult> {
  return cancelSignIn();
}
