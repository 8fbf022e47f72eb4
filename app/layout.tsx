import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { readThemePreference } from "@/lib/server/theme/read-theme-preference";
import { themeAttribute } from "@/lib/theme/theme-preference";
import "./globals.css";
import "./styles/layout.css";
import "./styles/data.css";
import "./styles/forms.css";
import "./styles/widgets.css";
import "./styles/tables.css";
import "./styles/calendar.css";

export const metadata: Metadata = {
  title: { default: "Rollbook", template: "%s · Rollbook" },
  description: "Exact P&L and roll chains for Robinhood options traders",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // The page background (--bg) of each scheme.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f5f6f8" },
    { media: "(prefers-color-scheme: dark)", color: "#0e1116" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, never prerendered at build time: its scripts must carry the nonce
  // of this request's Content-Security-Policy (proxy.ts), which a prerendered page cannot know.
  await connection();
  // A theme chosen with the toggle is rendered into the first byte: no flash, no inline script.
  const theme = themeAttribute(await readThemePreference());
  return (
    <html lang="en" data-theme={theme}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
