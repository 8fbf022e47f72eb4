"use server";

import { redirect } from "next/navigation";
import { signOutEverywhere } from "@/lib/server/auth/sign-out-everywhere";
import { serverAction } from "@/lib/server/handlers/server-action";

/**
 * Sign out: ends the session here and wherever its cookie was copied. Needs no session check:
 * ending a session that is already gone changes nothing.
 */
export const signOutAction = serverAction({
  name: "sign-out",
  session: "optional",
  // No form to show a message in: the error page says it (Next hides the details in production).
  failure: (_message, error) => {
    throw error;
  },
  run: async ({ user }) => {
    await signOutEverywhere(user);
    redirect("/");
  },
});
