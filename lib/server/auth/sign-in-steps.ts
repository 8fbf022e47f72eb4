import "server-only";
import { after } from "next/server";
import { errorForLog, isUnexpected, userMessageOf } from "@/lib/errors/describe-error";
import { isRobinhoodError, type LoginCredentials, type LoginOutcome } from "@/lib/robinhood/client";
import { logger } from "@/lib/server/logger";
import { syncAndRecompute } from "@/lib/server/sync/sync-and-recompute";
import { completeRobinhoodSignIn, signInTicketFor } from "./complete-robinhood-sign-in";
import { getSignInLimiter } from "./get-sign-in-limiter";
import type { PendingLogin, PendingStep } from "./pending-login";
import {
  browserDeviceToken,
  clearPendingLogin,
  pendingLoginExpiry,
  readPendingLogin,
  takePendingLoginCookie,
  writePendingLogin,
} from "./pending-login-cookie";
import { requestClientAddress } from "./request-client-address";
import { robinhoodSignInClient } from "./robinhood-sign-in-client";
import { mustRestartSignIn, signInRefusals, tooManyAttemptsMessage } from "./sign-in-refusals";
import { type SignInResult, type SignInStepView, stepView } from "./sign-in-view";

/**
 * The steps of a Robinhood sign-in, one per server action. Between steps the state lives in the
 * sealed pending-login cookie; each step consumes it (a cookie works once), calls Robinhood once, and
 * either finishes (a sign-in ticket) or stores the next step in a new cookie. The password step
 * first takes an attempt from the sign-in limits, so a guess over the limit never reaches Robinhood.
 */

const PASSWORD: SignInStepView = { kind: "password" };

export async function startSignIn(input: { username: string; password: string }): Promise<SignInResult> {
  const refuse = (message: string): SignInResult => ({
    status: "error",
    step: PASSWORD,
    username: input.username,
    message,
  });
  let reserved = false;
  const attempt = { username: input.username, address: await requestClientAddress() };
  const limiter = getSignInLimiter();
  try {
    await clearPendingLogin();
    const reservation = await limiter.reserve(attempt);
    if (!reservation.ok) return refuse(tooManyAttemptsMessage(reservation.retryAfterMs));
    reserved = true;
    const credentials = { ...input, deviceToken: await browserDeviceToken() };
    const outcome = await robinhoodSignInClient().login(credentials);
    // Robinhood accepted the password: this attempt was no guess, so it does not count.
    reserved = false;
    await limiter.release(attempt);
    return await advance(outcome, { ...credentials, expiresAt: pendingLoginExpiry() });
  } catch (error) {
    // Only a refused password counts; a network failure or a throttled Robinhood says nothing about it.
    if (reserved && !(isRobinhoodError(error) && error.code === "invalid_credentials")) {
      await limiter.release(attempt).catch(() => undefined);
    }
    return refuse(describeSignInFailure(error));
  }
}

export async function submitSignInCode(input: { code: string }): Promise<SignInResult> {
  return withPendingLogin(async (login, credentials) => {
    const client = robinhoodSignInClient();
    const { step } = login;
    switch (step.kind) {
      case "mfa":
        return client.submitMfaCode({ credentials, code: input.code });
      case "challenge":
        if (Date.parse(step.challenge.expiresAt) <= Date.now()) throw signInRefusals.codeExpired();
        return client.submitChallengeCode({ credentials, challengeId: step.challenge.id, code: input.code });
      case "verification":
        if (Date.parse(step.verification.challenge.expiresAt) <= Date.now())
          throw signInRefusals.codeExpired();
        return client.submitVerificationCode({
          credentials,
          verification: step.verification,
          code: input.code,
        });
      case "challenge_type":
        throw signInRefusals.stepStale();
    }
  });
}

export async function chooseChallengeType(input: { challengeType: string }): Promise<SignInResult> {
  return withPendingLogin(async (login, credentials) => {
    if (login.step.kind !== "challenge_type" || !login.step.challengeTypes.includes(input.challengeType)) {
      throw signInRefusals.stepStale();
    }
    return robinhoodSignInClient().requestChallenge({ credentials, challengeType: input.challengeType });
  });
}

/** One look at an app-approval prompt; the page calls it every few seconds while it waits. */
export async function checkSignInApproval(): Promise<SignInResult> {
  return withPendingLogin(async (login, credentials) => {
    if (login.step.kind !== "verification" || login.step.verification.challenge.type !== "prompt") {
      throw signInRefusals.stepStale();
    }
    const client = robinhoodSignInClient();
    const { verification } = login.step;
    const status = await client.checkVerificationPrompt({ verification });
    if (status === "pending") return null;
    if (status === "approved") return client.finishVerification({ credentials, verification });
    throw signInRefusals.promptRefused(status);
  });
}

/** The step in progress, for a reload of the sign-in page; nothing secret leaves the cookie. */
export async function currentSignInStep(): Promise<{ step: SignInStepView; username: string } | null> {
  const opened = await readPendingLogin();
  if (!opened?.ok) return null;
  return { step: stepView(opened.login.step), username: opened.login.username };
}

export async function cancelSignIn(): Promise<SignInResult> {
  await clearPendingLogin();
  return { status: "step", step: PASSWORD, username: "" };
}

type StepCall = (login: PendingLogin, credentials: LoginCredentials) => Promise<LoginOutcome | null>;

async function withPendingLogin(call: StepCall): Promise<SignInResult> {
  let opened: Awaited<ReturnType<typeof takePendingLoginCookie>>;
  try {
    opened = await takePendingLoginCookie();
  } catch (error) {
    return { status: "error", step: PASSWORD, message: describeSignInFailure(error) };
  }
  if (!opened?.ok) {
    // A cookie already used may come from a request that lost a race with a newer step, whose answer
    // set the newer cookie: leave that one alone.
    if (opened?.reason !== "used") await clearPendingLogin();
    const message =
      opened?.ok === false && opened.reason === "expired"
        ? "This sign-in took longer than 10 minutes. Enter your password again."
        : "This sign-in is no longer in progress. Enter your password again.";
    return { status: "error", step: PASSWORD, message };
  }
  const { login } = opened;
  const { username, password, deviceToken } = login;
  try {
    const outcome = await call(login, { username, password, deviceToken });
    if (outcome === null) {
      // Still waiting (an app prompt not answered yet): the same step, under a new single-use cookie.
      await writePendingLogin(login);
      return { status: "step", step: stepView(login.step), username };
    }
    return await advance(outcome, login);
  } catch (error) {
    const message = describeSignInFailure(error);
    if (!mustRestartSignIn(error)) {
      await writePendingLogin(login);
      return { status: "error", step: stepView(login.step), username, message };
    }
    await clearPendingLogin();
    return { status: "error", step: PASSWORD, username, message };
  }
}

/**
 * The step's answer to a failure: the one translation with the sign-in's wording. Each step catches
 * here rather than in the action wrapper because it must first settle the pending-login cookie.
 */
function describeSignInFailure(error: unknown): string {
  if (isUnexpected(error)) logger.error({ err: errorForLog(error) }, "sign-in step failed");
  return userMessageOf(error, {
    during: "sign-in",
    fallback: "Something went wrong while signing in. Try again.",
  });
}

async function advance(outcome: LoginOutcome, base: Omit<PendingLogin, "step">): Promise<SignInResult> {
  if (outcome.kind === "authenticated") {
    await clearPendingLogin();
    await getSignInLimiter().succeeded(base.username);
    const { user } = await completeRobinhoodSignIn({
      client: robinhoodSignInClient(),
      tokens: outcome.tokens,
      deviceToken: base.deviceToken,
    });
    // The first sync starts now, as the demo's does, once this answer is on its way, rather than at
    // the next cron tick (minutes away, and never under `npm run dev`, which runs no cron). The pages
    // the user lands on show its progress (FirstSyncProgress) and refresh when it is done. A failure
    // is recorded on the sync status and in the run history; the schedule, due now, retries it.
    after(() =>
      syncAndRecompute({ robinhoodUserId: user.robinhoodUserId, trigger: "sign-in" }).catch(
        (error: unknown) => logger.warn({ err: errorForLog(error) }, "the first sync after a sign-in failed"),
      ),
    );
    return { status: "signed-in", ticket: signInTicketFor(user) };
  }
  const step = pendingStep(outcome);
  await writePendingLogin({ ...base, step });
  return { status: "step", step: stepView(step), username: base.username };
}

function pendingStep(outcome: Exclude<LoginOutcome, { kind: "authenticated" }>): PendingStep {
  switch (outcome.kind) {
    case "mfa_required":
      return { kind: "mfa", mfaType: outcome.mfaType };
    case "challenge_type_required":
      return { kind: "challenge_type", challengeTypes: outcome.challengeTypes };
    case "challenge_required":
      return { kind: "challenge", challenge: outcome.challenge };
    case "verification_required":
      return { kind: "verification", verification: outcome.verification };
  }
}
