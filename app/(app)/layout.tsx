import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { DataAge } from "@/components/freshness/data-age";
import { FirstSyncProgress } from "@/components/freshness/first-sync-progress";
import { FreshnessProvider } from "@/components/freshness/freshness-provider";
import { NewDataNotice } from "@/components/freshness/new-data-notice";
import { ReconnectBanner } from "@/components/reconnect-banner";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { requirePageSession } from "@/lib/server/auth/require-user";
import { readThemePreference } from "@/lib/server/theme/read-theme-preference";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  // The session check, who is signed in, freshness and reconnect state: one statement (page-session.ts).
  const { frame } = await requirePageSession();
  const { account, freshness } = frame;
  const name = account.displayName ?? account.username ?? "Robinhood user";
  return (
    <FreshnessProvider initial={freshness} renderedAt={Date.now()}>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href="/dashboard" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Rollbook
          </Link>
          <AppNav />
          <div className="account">
            <DataAge />
            {account.isDemo ? <span className="badge open">Demo</span> : null}
            <ThemeToggle initial={await readThemePreference()} />
            <span className="account-name" title={account.username ?? undefined}>
              {name}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="button link">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="page" id="main">
        <ReconnectBanner since={frame.reconnectNeededSince} />
        <NewDataNotice />
        <FirstSyncProgress />
        {children}
      </main>
    </FreshnessProvider>
  );
}
