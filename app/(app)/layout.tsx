import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { DataAge } from "@/components/freshness/data-age";
import { FirstSyncProgress } from "@/components/freshness/first-sync-progress";
import { FreshnessProvider } from "@/components/freshness/freshness-provider";
import { NewDataNotice } from "@/components/freshness/new-data-notice";
import { ReconnectBanner } from "@/components/reconnect-banner";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getAccountSummary } from "@/lib/server/queries/get-account-summary";
import { getFreshnessStatus } from "@/lib/server/queries/get-freshness-status";
import { readThemePreference } from "@/lib/server/theme/read-theme-preference";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const account = await readForPage(() => getAccountSummary({ robinhoodUserId: user.robinhoodUserId }));
  const freshness = await readForPage(() => getFreshnessStatus({ robinhoodUserId: user.robinhoodUserId }));
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
        <ReconnectBanner userId={user.id} />
        <NewDataNotice />
        <FirstSyncProgress />
        {children}
      </main>
    </FreshnessProvider>
  );
}
