"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { closeAccount } from "@/lib/server/auth/close-account";
import { getSessionUser, requireApiUser, UnauthorizedError } from "@/lib/server/auth/require-user";
import { signOutEverywhere } from "@/lib/server/auth/sign-out-everywhere";

export type DeleteAccountState = { message: string | null };

const deleteForm = z.object({
  confirm: z.literal("DELETE", { error: "Type DELETE in capitals to confirm." }),
});

export async function deleteAccountAction(
  _previous: DeleteAccountState,
  form: FormData,
): Promise<DeleteAccountState> {
  const user = await requireApiUser().catch((error: unknown) => {
    if (error instanceof UnauthorizedError) return null;
    throw error;
  });
  if (!user) return { message: "Your session ended. Sign in again to delete your account." };
  const parsed = deleteForm.safeParse({ confirm: form.get("confirm") });
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? "Type DELETE to confirm." };
  await closeAccount({ robinhoodUserId: user.robinhoodUserId });
  redirect("/sign-in?reason=deleted");
}

/** Ends every session of the account, on every device and browser, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  await signOutEverywhere(await getSessionUser());
  redirect("/sign-in");
}
