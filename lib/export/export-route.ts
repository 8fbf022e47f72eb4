import "server-only";
import type { z } from "zod";
import { tradingDateOf } from "@/lib/dates/trading-date";
import type { SessionUser } from "@/lib/server/auth/require-user";
import { type RouteHandler, routeHandler } from "@/lib/server/handlers/route-handler";
import { type CsvStreamOptions, csvResponse, csvStream } from "./csv-stream";

export type CsvExportRouteOptions<Query> = {
  /** Names the file (`rollbook-<name>-<date>.csv`) and the route in log lines. */
  name: string | ((query: Query) => string);
  /** Parses the search parameters the export is filtered by. */
  query?: z.ZodType<Query>;
  build: (context: { user: SessionUser; query: Query; today: string }) => CsvStreamOptions;
};

/**
 * The one shape of every CSV export route, built on `routeHandler`: a session is required (401
 * without one), the search parameters are parsed with zod (400 naming the bad one), and the export
 * for the signed-in user is streamed as a download named `rollbook-<name>-<date>.csv`.
 */
export function csvExportRoute<Query = undefined>(options: CsvExportRouteOptions<Query>): RouteHandler {
  const nameOf = (query: Query) => (typeof options.name === "string" ? options.name : options.name(query));
  return routeHandler({
    name: `export.${typeof options.name === "string" ? options.name : "csv"}`,
    session: "required",
    query: options.query,
    run: async ({ user, query }) => {
      const today = tradingDateOf(new Date());
      const file = `rollbook-${nameOf(query)}-${today}.csv`;
      return csvResponse(file, csvStream(options.build({ user, query, today })));
    },
  });
}
