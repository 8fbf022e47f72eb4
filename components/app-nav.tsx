"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef, useState } from "react";

const LINKS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/chains", label: "Chains" },
  { href: "/positions", label: "Positions" },
  { href: "/risk", label: "Risk" },
  { href: "/wheel", label: "Wheel" },
  { href: "/statistics", label: "Statistics" },
  { href: "/calendar", label: "Calendar" },
  { href: "/activity", label: "Activity" },
  { href: "/explain", label: "Explain" },
  { href: "/imports", label: "Import" },
  { href: "/runs", label: "Runs" },
  { href: "/settings", label: "Settings" },
];

/**
 * The app's sections. Wide screens show every link in the top bar; on a phone they fold behind a
 * Menu button (a disclosure) that opens them as a panel under the bar, so every section stays one
 * tap away without the bar scrolling sideways.
 */
export function AppNav() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const linksId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  return (
    <nav
      className="nav"
      aria-label="Main"
      data-open={open ? "true" : undefined}
      onKeyDown={(event) => {
        // Escape folds the open menu and gives focus back to its button.
        if (event.key !== "Escape" || !open) return;
        setOpen(false);
        toggle.current?.focus();
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="button nav-toggle"
        aria-expanded={open}
        aria-controls={linksId}
        onClick={() => setOpen((shown) => !shown)}
      >
        <span aria-hidden="true">☰</span> Menu
      </button>
      <div className="nav-links" id={linksId}>
        {LINKS.map((link) => {
          const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={active ? "page" : undefined}
              onClick={() => setOpen(false)}
            >
              {link.label}
            </Link>
          );
        })}
      </div>
    </nav>
  );
}
