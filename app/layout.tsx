import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import "./styles/layout.css";
import "./styles/data.css";
import "./styles/forms.css";
import "./styles/widgets.css";

export const metadata: Metadata = {
  title: { default: "Rollbook", template: "%s · Rollbook" },
  description: "Exact P&L and roll chains for Robinhood options traders",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#f5f6f8" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
