"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { DeleteAccountState } from "@/components/settings/delete-account-state";
import { closeAccount } from "@/lib/server/auth/close-account";
import { signOutEverywhere } from "@/lib/server/auth/sign-out-everywhere";
import { serverAction } from "@/lib/server/handlers/server-action";

export const deleteAccountAction = serverAction({
  name: "settings.delete-account",
  session: "required",
  input: z.object({ confirm: z.literal("DELETE", { error: "Type DELETE in capitals to confirm." }) }),
  messages: { unauthorized: "Your session ended. Sign in again to delete your account." },
  failure: (message): DeleteAccountState => ({ message }),
  run: async ({ user }) => {
    await closeAccount({ robinhoodUserId: user.robinhoodUserId });
    redirect("/sign-in?reason=deleted");
  },
});

/** Ends every session of the account, on every device and browser, this one included. */
export const signOutEverywhereAction = serverAction({
  name: "settings.sign-out-everywhere",
  // Ending a session that is already gone changes nothing, so no session is needed.
  session: "optional",
  // No form to show a message in: the error page says it (Next hides the details in production).
  failure: (_message, error) => {
    throw error;
  },
  run: async ({ user }) => {
    await signOutEverywhere(user);
    redirect("/sign-in");
  },
});
