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
import { serverAction } from "@/lib/server/handlers/server-action";

// Each step parses its form with zod and calls one function in lib/server/auth. They run before a
// session exists, so there is no session to check; the pending-login cookie carries the state. The
// steps answer Robinhood's refusals themselves (they must settle the cookie first); the wrapper
// answers bad input and anything unexpected.

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

const FALLBACK = "Something went wrong while signing in. Try again.";
/** The page stays on the step it shows (a typo in a code, say). */
const stayOnStep = (message: string): SignInResult => ({ status: "error", message });

export const submitPasswordAction = serverAction({
  name: "sign-in.password",
  session: "none",
  input: passwordForm,
  fallback: FALLBACK,
  failure: (message): SignInResult => ({ status: "error", step: { kind: "password" }, message }),
  run: ({ input }) => startSignIn(input),
});

export const submitCodeAction = serverAction({
  name: "sign-in.code",
  session: "none",
  input: codeForm,
  fallback: FALLBACK,
  failure: stayOnStep,
  run: ({ input }) => submitSignInCode(input),
});

export const chooseChallengeTypeAction = serverAction({
  name: "sign-in.challenge-type",
  session: "none",
  input: challengeTypeForm,
  fallback: FALLBACK,
  failure: stayOnStep,
  run: ({ input }) => chooseChallengeType(input),
});

export const checkApprovalAction = serverAction({
  name: "sign-in.approval",
  session: "none",
  fallback: FALLBACK,
  failure: stayOnStep,
  run: () => checkSignInApproval(),
});

export const cancelSignInAction = serverAction({
  name: "sign-in.cancel",
  session: "none",
  fallback: FALLBACK,
  failure: stayOnStep,
  run: () => cancelSignIn(),
});
