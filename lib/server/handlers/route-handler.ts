import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, toAppError } from "@/lib/errors/app-error";
import { userMessageOf } from "@/lib/errors/describe-error";
import { logFailure } from "./server-action";
import { brand, type SessionMode, sessionFor, type UserFor } from "./session";

export type RouteContext<Mode extends SessionMode, Query, Body> = {
  request: Request;
  user: UserFor<Mode>;
  query: Query;
  body: Body;
  /** The dynamic segments of the route (`[id]`), as Next passes them. */
  params: Record<string, string | string[]>;
};

export type RouteHandlerConfig<Mode extends SessionMode, Query, Body> = {
  /** Names the route in log lines ("health"). */
  name: string;
  session: Mode;
  /** Parses the URL's search parameters (`Object.fromEntries(url.searchParams)`). */
  query?: z.ZodType<Query>;
  /** Parses the JSON body; a body that is not JSON is refused like one that fails the schema. */
  body?: z.ZodType<Body>;
  run: (context: RouteContext<Mode, Query, Body>) => Promise<Response>;
};

export type RouteHandler = (
  request: Request,
  context?: { params?: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

/**
 * The one way to write a route handler (app/**\/route.ts). Reads the session as `session` asks,
 * parses search parameters and body with zod, calls `run`, and answers any failure with
 * `{ error: code, message, issues? }` and the error's `responseStatus`: 401 without a session, 400 with
 * the zod issues (path and message, never the input) for bad input, an AppError's own status, and 500
 * with a generic sentence for anything else, which is logged with its cause. Example:
 *
 *   export const GET = routeHandler({
 *     name: "imports.export",
 *     session: "required",
 *     query: z.object({ id: z.uuid() }),
 *     run: async ({ user, query }) => Response.json(await readImport({ ...user, id: query.id })),
 *   });
 *
 * Scheduled jobs use `withCron` (lib/server/cron/with-cron.ts): the same idea with the cron secret in
 * place of a session.
 */
export function routeHandler<Mode extends SessionMode, Query = undefined, Body = undefined>(
  config: RouteHandlerConfig<Mode, Query, Body>,
): RouteHandler {
  const handler: RouteHandler = async (request, context) => {
    try {
      const user = await sessionFor(config.session);
      const query = config.query
        ? parse(config.query, Object.fromEntries(new URL(request.url).searchParams))
        : (undefined as Query);
      const body = config.body ? parse(config.body, await readJson(request)) : (undefined as Body);
      const params = (await context?.params) ?? {};
      return await config.run({ request, user, query, body, params });
    } catch (error) {
      unstable_rethrow(error);
      logFailure(config.name, error);
      return errorResponse(error);
    }
  };
  return brand(handler, "route-handler");
}

/** The JSON answer for any error: code, user-safe message, zod issues for bad input, right status. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  const issues = error instanceof InvalidInput ? error.issues : undefined;
  return Response.json(
    { error: appError.code, message: userMessageOf(appError), ...(issues ? { issues } : {}) },
    { status: appError.responseStatus },
  );
}

class InvalidInput extends AppError {
  constructor(readonly issues: { path: string; message: string }[]) {
    super("invalid_input", {
      userMessage: issues[0] ? `${issues[0].path || "input"}: ${issues[0].message}` : undefined,
      responseStatus: 400,
    });
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidInput(
    parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  );
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new InvalidInput([{ path: "", message: "the body is not JSON" }]);
  }
}
