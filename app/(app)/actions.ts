"use server";

import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/server/auth/require-user";
import { signOutEverywhere } from "@/lib/server/auth/sign-out-everywhere";

/**
 * Sign out: ends the session here and wherever its cookie was copied. Needs no session check:
 * ending a session that is already gone changes nothing.
 */
export async function signOutAction(): Promise<void> {
  await signOutEverywhere(await getSessionUser());
  redirect("/");
}
