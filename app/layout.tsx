import type { ReactNode } from "react";

export const metadata = {
  title: "Rollbook",
  description: "Exact P&L and roll chains for Robinhood options traders",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
