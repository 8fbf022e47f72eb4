import "server-only";
import {
  requireApiUser,
  type SessionUser,
  UnauthorizedError,
  unauthorizedResponse,
} from "@/lib/server/auth/require-user";
import { type CsvStreamOptions, csvResponse, csvStream } from "./csv-stream";

/**
 * The one shape of every CSV export route: check the session (401 without one), build the export for
 * the signed-in user, stream it as a download named `rollbook-<name>-<date>.csv`.
 */
export async function exportCsv(options: {
  name: string;
  today: string;
  build: (user: SessionUser) => CsvStreamOptions;
}): Promise<Response> {
  let user: SessionUser;
  try {
    user = await requireApiUser();
  } catch (error) {
    if (error instanceof UnauthorizedError) return unauthorizedResponse();
    throw error;
  }
  return csvResponse(`rollbook-${options.name}-${options.today}.csv`, csvStream(options.build(user)));
}
