import { requireApiUser, UnauthorizedError, unauthorizedResponse } from "@/lib/server/auth/require-user";
import { getFreshnessStatus } from "@/lib/server/queries/get-freshness-status";

export const dynamic = "force-dynamic";

/** The signed-in user's sync and recompute status, polled by open tabs (components/freshness). */
export async function GET() {
  try {
    const user = await requireApiUser();
    const status = await getFreshnessStatus({ robinhoodUserId: user.robinhoodUserId });
    return Response.json(status, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof UnauthorizedError) return unauthorizedResponse();
    throw error;
  }
}
