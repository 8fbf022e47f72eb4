import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getAccountSummary } from "@/lib/server/queries/get-account-summary";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const account = await readForPage(() => getAccountSummary({ robinhoodUserId: user.robinhoodUserId }));
  const name = account.displayName ?? account.username ?? "Robinhood user";
  return (
    <>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href="/dashboard" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Rollbook
          </Link>
          <AppNav />
          <div className="account">
            {account.isDemo ? <span className="badge open">Demo</span> : null}
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
      <main className="page">{children}</main>
    </>
  );
}
