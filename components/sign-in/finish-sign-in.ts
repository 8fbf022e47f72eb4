"use client";

import { signIn } from "next-auth/react";

/**
 * Exchanges a sign-in ticket for a Rollbook session (next-auth's "ticket" provider sets the session
 * cookie), then loads the destination with a full navigation so every server component sees it.
 */
export async function finishSignIn(ticket: string, destination: string): Promise<string | null> {
  const result = await signIn("ticket", { ticket, redirect: false });
  if (!result || result.error || !result.ok) {
    return "The sign-in could not be completed (the one-minute sign-in ticket was refused). Try again.";
  }
  window.location.assign(destination);
  return null;
}
