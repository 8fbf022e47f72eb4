import { routeHandler } from "@/lib/server/handlers/route-handler";
import { getFreshnessStatus } from "@/lib/server/queries/get-freshness-status";

export const dynamic = "force-dynamic";

/** The signed-in user's sync and recompute status, polled by open tabs (components/freshness). */
export const GET = routeHandler({
  name: "status",
  session: "required",
  run: async ({ user }) => {
    const status = await getFreshnessStatus({ robinhoodUserId: user.robinhoodUserId });
    return Response.json(status, { headers: { "Cache-Control": "no-store" } });
  },
});
