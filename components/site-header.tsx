import Link from "next/link";
import type { ReactNode } from "react";
import { readThemePreference } from "@/lib/server/theme/read-theme-preference";
import { ThemeToggle } from "./theme/theme-toggle";

/** The bar above public pages (landing, sign-in). */
export async function SiteHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Rollbook
        </Link>
        <div className="spacer" />
        <div className="account">
          <ThemeToggle initial={await readThemePreference()} />
          {children}
        </div>
      </div>
    </header>
  );
}
