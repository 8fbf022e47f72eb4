import Link from "next/link";
import type { ReactNode } from "react";

/** The bar above public pages (landing, sign-in). */
export function SiteHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Rollbook
        </Link>
        <div className="spacer" />
        <div className="account">{children}</div>
      </div>
    </header>
  );
}
