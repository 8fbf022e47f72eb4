import { csvExportRoute } from "@/lib/export/export-route";
import { exportUnderlyings } from "@/lib/server/queries/export-underlyings";

export const dynamic = "force-dynamic";

/** GET /api/export/underlyings: the dashboard's per-underlying table, as CSV. */
export const GET = csvExportRoute({
  name: "underlyings",
  build: ({ user }) => exportUnderlyings({ robinhoodUserId: user.robinhoodUserId }),
});
