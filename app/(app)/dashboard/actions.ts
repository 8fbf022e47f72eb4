"use server";

import { revalidatePath } from "next/cache";
import { requireApiUser, UnauthorizedError } from "@/lib/server/auth/require-user";
import {
  type DashboardActionResult,
  recomputeNow,
  syncAndRecompute,
} from "@/lib/server/dashboard/sync-and-recompute";

/** `at` orders the answers of the two forms, so the page shows the latest one. */
export type DashboardActionState =
  | { status: "idle" }
  | ({ status: "done"; at: number } & DashboardActionResult);

const signedOutState = (): DashboardActionState => ({
  status: "done",
  at: Date.now(),
  ok: false,
  message: "Your session ended. Sign in again.",
});

// These forms carry no fields: the user comes from the session, never from the request body.

export async function syncNowAction(
  _previous: DashboardActionState,
  _form: FormData,
): Promise<DashboardActionState> {
  const user = await requireApiUser().catch(signedOut);
  if (!user) return signedOutState();
  const result = await syncAndRecompute({ robinhoodUserId: user.robinhoodUserId });
  revalidatePath("/", "layout");
  return { status: "done", at: Date.now(), ...result };
}

export async function recomputeNowAction(
  _previous: DashboardActionState,
  _form: FormData,
): Promise<DashboardActionState> {
  const user = await requireApiUser().catch(signedOut);
  if (!user) return signedOutState();
  const result = await recomputeNow({ robinhoodUserId: user.robinhoodUserId });
  revalidatePath("/", "layout");
  return { status: "done", at: Date.now(), ...result };
}

function signedOut(error: unknown): null {
  if (error instanceof UnauthorizedError) return null;
  throw error;
}
