"use server";

import { redirect } from "next/navigation";
import { endSession } from "@/lib/server/auth/end-session";

/** Sign out. Needs no session check: ending a session that is already gone changes nothing. */
export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/");
}
