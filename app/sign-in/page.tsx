import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DemoButton } from "@/components/sign-in/demo-button";
import { SignInFlow } from "@/components/sign-in/sign-in-flow";
import { SiteHeader } from "@/components/site-header";
import { getSessionUser } from "@/lib/server/auth/require-user";
import { currentSignInStep } from "@/lib/server/auth/sign-in-steps";
import { demoAvailability } from "@/lib/server/demo/demo-availability";
import {
  cancelSignInAction,
  checkApprovalAction,
  chooseChallengeTypeAction,
  submitCodeAction,
  submitPasswordAction,
} from "./actions";
import { openDemoAction } from "./demo-action";
import { signInSearchParams } from "./search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

const actions = {
  password: submitPasswordAction,
  code: submitCodeAction,
  challengeType: chooseChallengeTypeAction,
  approval: checkApprovalAction,
  cancel: cancelSignInAction,
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const params = signInSearchParams.parse(await searchParams);
  // A session whose account was deleted elsewhere would bounce straight back here: stay and sign in.
  // Reconnecting is signing in again while signed in: stay too.
  const staysSignedIn = params.reason === "deleted" || params.reason === "reconnect";
  if (!staysSignedIn && (await getSessionUser())) redirect(params.callbackUrl);
  const pending = await currentSignInStep();
  const demo = demoAvailability();

  return (
    <>
      <SiteHeader />
      <main className="auth-layout" id="main">
        <section className="card stack">
          <div>
            <h1>Sign in with Robinhood</h1>
            <p className="muted">
              Rollbook reads your options orders to compute exact P&amp;L. It never trades.
            </p>
          </div>
          {params.reason === "deleted" ? (
            <div className="alert info">This Rollbook account was deleted. Sign in to start a new one.</div>
          ) : null}
          {params.reason === "reconnect" ? (
            <div className="alert info">
              Robinhood asks you to sign in again. Everything already in Rollbook is kept, and syncing resumes
              once you are signed in.
            </div>
          ) : null}
          {params.error ? (
            <div className="alert error" role="alert">
              The sign-in could not be completed. Try again.
            </div>
          ) : null}
          <SignInFlow
            actions={actions}
            initial={pending ?? { step: { kind: "password" }, username: "" }}
            destination={params.callbackUrl}
          />
        </section>
        {demo === "hidden" ? null : (
          <section className="card demo-card stack">
            <div>
              <h2>No Robinhood account handy?</h2>
              <p className="muted">
                Open the demo account: two years of a realistic options trader&apos;s history — rolls, partial
                fills, expirations and assignments — from a simulated Robinhood.
              </p>
            </div>
            <DemoButton action={openDemoAction} available={demo === "available"} />
          </section>
        )}
      </main>
    </>
  );
}
