import Link from "next/link";
import { DemoButton } from "@/components/sign-in/demo-button";
import { SiteHeader } from "@/components/site-header";
import { getSessionUser } from "@/lib/server/auth/require-user";
import { demoAvailability } from "@/lib/server/demo/demo-availability";
import { openDemoAction } from "./sign-in/demo-action";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getSessionUser();
  const demo = demoAvailability();
  return (
    <>
      <SiteHeader>
        {user ? (
          <Link className="button" href="/dashboard">
            Dashboard
          </Link>
        ) : (
          <Link className="button" href="/sign-in">
            Sign in
          </Link>
        )}
      </SiteHeader>
      <main id="main">
        <section className="hero">
          <div>
            <h1>Rollbook</h1>
            <p className="lead">
              Exact realized and unrealized P&amp;L for your Robinhood options — per contract, per roll chain,
              per underlying and over time. Rolls are linked into chains, so a roll for a credit never shows
              up as a loss.
            </p>
            <div className="hero-actions">
              {user ? (
                <Link className="button primary large" href="/dashboard">
                  Go to your dashboard
                </Link>
              ) : (
                <Link className="button large" href="/sign-in">
                  Sign in with Robinhood
                </Link>
              )}
            </div>
          </div>
          {demo === "hidden" ? null : (
            <div className="card demo-card stack">
              <h2>Try it with the demo account</h2>
              <p className="muted">
                A simulated Robinhood with two years of wheel trades, credit spreads, rolls, partial fills,
                expirations and assignments. No sign-up.
              </p>
              <DemoButton action={openDemoAction} available={demo === "available"} />
            </div>
          )}
        </section>
        <section className="features">
          <div className="card">
            <h2>Roll chains</h2>
            <p>
              Contracts, not orders, are linked: partial rolls, size changes and two-order rolls all chain,
              with net premium, breakeven and days held.
            </p>
          </div>
          <div className="card">
            <h2>Exact money</h2>
            <p>
              FIFO lots per contract, fees allocated pro rata, the real multiplier, decimal arithmetic end to
              end. Realized plus unrealized always reconciles with cash.
            </p>
          </div>
          <div className="card">
            <h2>Yours to run</h2>
            <p>
              Self-hosted on Next.js and PostgreSQL. Robinhood tokens are encrypted at rest and never reach
              the browser.
            </p>
          </div>
        </section>
      </main>
    </>
  );
}
