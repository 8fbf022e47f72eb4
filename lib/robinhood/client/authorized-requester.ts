import type { z } from "zod";
import type { ClientContext } from "./context";
import { isRobinhoodError, RobinhoodError } from "./errors";
import { expectOk } from "./responses";
import { type RobinhoodTokens, refreshTokens } from "./tokens";
import { send } from "./transport";

export interface GetRequest {
  path: string;
  query?: Record<string, string | undefined>;
  /** Absolute `next` URL; wins over `path` and `query`. */
  url?: string;
  signal?: AbortSignal;
}

/** Authenticated GETs with one transparent token refresh on 401. */
export interface AuthorizedRequester {
  get<T extends z.ZodType>(schema: T, request: GetRequest): Promise<z.output<T>>;
  tokens(): RobinhoodTokens;
}

export interface AuthorizedRequesterOptions {
  tokens: RobinhoodTokens;
  deviceToken?: string;
  /** Called with the new tokens after a refresh, so the caller can persist them before going on. */
  onTokensRefreshed?: (tokens: RobinhoodTokens) => void | Promise<void>;
}

export function createAuthorizedRequester(
  ctx: ClientContext,
  options: AuthorizedRequesterOptions,
): AuthorizedRequester {
  let current = options.tokens;
  // Concurrent requests that all hit a 401 share one refresh: refresh tokens are single-use.
  let refreshing: Promise<void> | undefined;

  async function refreshAfterRejection(rejectedAccessToken: string, signal?: AbortSignal): Promise<void> {
    // Another request already refreshed while this one was in flight.
    if (current.accessToken !== rejectedAccessToken) return;
    refreshing ??= (async () => {
      try {
        const next = await refreshTokens(ctx, {
          refreshToken: current.refreshToken,
          deviceToken: options.deviceToken,
          signal,
        });
        current = next;
        await options.onTokensRefreshed?.(next);
      } finally {
        refreshing = undefined;
      }
    })();
    await refreshing;
  }

  return {
    async get(schema, request) {
      const used = current.accessToken;
      const first = await send(ctx.transport, { method: "GET", ...request, accessToken: used });
      if (first.status !== 401) return expectOk(schema, first);
      try {
        await refreshAfterRejection(used, request.signal);
      } catch (error) {
        if (!isRobinhoodError(error, "session_expired")) throw error;
        throw new RobinhoodError({
          code: "session_expired",
          message: "access token rejected and the refresh token was refused",
          endpoint: first.endpoint,
          status: 401,
          cause: error,
        });
      }
      const second = await send(ctx.transport, {
        method: "GET",
        ...request,
        accessToken: current.accessToken,
      });
      return expectOk(schema, second);
    },
    tokens: () => current,
  };
}
