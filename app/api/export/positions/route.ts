import { csvExportRoute } from "@/lib/export/export-route";
import { exportPositions } from "@/lib/server/queries/export-positions";

export const dynamic = "force-dynamic";

/** GET /api/export/positions: the open option positions, as CSV. */
export const GET = csvExportRoute({
  name: "positions",
  build: ({ user, today }) => exportPositions({ robinhoodUserId: user.robinhoodUserId, today }),
});
