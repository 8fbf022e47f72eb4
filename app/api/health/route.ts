import { routeHandler } from "@/lib/server/handlers/route-handler";
import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

/** Liveness and database status, for load balancers and the README's smoke check. No session. */
export const GET = routeHandler({
  name: "health",
  session: "none",
  run: async () => {
    const report = await checkHealth();
    return Response.json(report, { status: report.status === "ok" ? 200 : 503 });
  },
});
