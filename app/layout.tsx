import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
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

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#f5f6f8" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, never prerendered at build time: its scripts must carry the nonce
  // of this request's Content-Security-Policy (proxy.ts), which a prerendered page cannot know.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
