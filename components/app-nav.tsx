"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/chains", label: "Chains" },
  { href: "/positions", label: "Positions" },
  { href: "/risk", label: "Risk" },
  { href: "/wheel", label: "Wheel" },
  { href: "/statistics", label: "Statistics" },
  { href: "/calendar", label: "Calendar" },
  { href: "/imports", label: "Import" },
  { href: "/runs", label: "Runs" },
  { href: "/settings", label: "Settings" },
];

export function AppNav() {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Main">
      {LINKS.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link key={link.href} href={link.href} aria-current={active ? "page" : undefined}>
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
