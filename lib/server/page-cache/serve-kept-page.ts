import { randomBytes } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import type { JWT } from "next-auth/jwt";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { getEnv } from "@/lib/env";
import { errorForLog } from "@/lib/errors/describe-error";
import { sessionClaimsOf } from "@/lib/server/auth/session-claims";
import { logger } from "@/lib/server/logger";
import { readPageFrame } from "@/lib/server/queries/get-page-frame";
import { THEME_COOKIE } from "@/lib/theme/theme-preference";
import { keptPageKey, mayServeKeptPage } from "./kept-page-request";
import { type KeptPage, KeptPageStore } from "./kept-page-store";
import { renderedWhole } from "./rendered-whole";
import { nonceOfPolicy, swapNonce } from "./swap-nonce";

/** Marks the server's own request that renders a page to keep; carries a secret of this process. */
const RENDER_HEADER = "x-rollbook-render-to-keep";
/** Tells the browser (and tests, and the benchmark) whether the document was kept or rendered. */
export const PAGE_CACHE_HEADER = "x-page-cache";
/**
 * The one clock on a kept page is the data's age in the top bar, rendered for the server's time and
 * corrected at hydration. A page older than a minute is still served, once more, while it renders
 * again in the background (so a visitor never waits for the refresh); none older than ten minutes.
 */
const REFRESH_AFTER_MS = 60_000;
const MAX_AGE_MS = 10 * 60_000;
const RENDER_TIMEOUT_MS = 60_000;

/** The headers of a rendered page that are its own; the rest is the connection's or set again. */
const PAGE_HEADERS = ["content-type", "cache-control", "vary", "link"];
/** Headers of the visitor's request that the render must not see: the connection's and its encoding. */
const NOT_FORWARDED = [
  "host",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
  "accept-encoding",
];

type PageCache = {
  store: KeptPageStore;
  /** Renders in flight by key: concurrent requests for one page wait for one render. */
  rendering: Map<string, Promise<KeptPage | null>>;
  /** Where this server listens, as Next.js recorded it when it started (`next start`). */
  origin: string;
  secret: string;
};

let pageCache: PageCache | null | undefined;

/**
 * Keeping pages is a production server's: `next dev` renders every request (code changes show at
 * once), and a server that did not record its own address (not started by `next start`) cannot ask
 * itself for a page.
 */
function getPageCache(): PageCache | null {
  if (pageCache !== undefined) return pageCache;
  const env = getEnv();
  const origin = process.env.__NEXT_PRIVATE_ORIGIN;
  pageCache =
    env.NODE_ENV === "production" && env.PAGE_CACHE_MB > 0 && origin
      ? {
          store: new KeptPageStore({ maxBytes: env.PAGE_CACHE_MB * 1024 * 1024, maxAgeMs: MAX_AGE_MS }),
          rendering: new Map(),
          origin,
          secret: randomBytes(24).toString("base64url"),
        }
      : null;
  return pageCache;
}

/**
 * Answers a request for a kept page (kept-page-request.ts) from the pages this server rendered,
 * or null to let it render as usual. React's render is most of a page's cost (docs/PERFORMANCE.md):
 * when nothing the page reads has changed, the same document is sent again with this request's nonce.
 * - The session is checked as the page checks it (page-session.ts): the token verified, the page
 *   frame read, its session version equal to the token's. Signed out, signed out everywhere, a
 *   deleted account: no kept page, and the page's own check redirects.
 * - The key is the user, the whole frame just read (so any change to the user's data, a sync's
 *   progress, a reconnect, is a new key), the URL, the theme and the trading date.
 * - On a miss the server asks itself for the page (over HTTP, marked with this process's secret so
 *   that request renders), keeps the 200 HTML it answers and serves it; anything else (a redirect, a
 *   404, a response that sets a cookie, a page part of which failed) is not kept, and the request
 *   renders as usual.
 */
export async function serveKeptPage(
  request: NextRequest,
  nonce: string,
  /** The request's session token, as the proxy decoded it. */
  token: JWT,
): Promise<NextResponse | null> {
  const cache = getPageCache();
  if (!cache) return null;
  if (request.headers.get(RENDER_HEADER) === cache.secret) return null;
  try {
    return await serveFromCache(cache, request, nonce, token);
  } catch (error) {
    // The database unreachable, say: the page renders and answers it as it does (its error page).
    logger.warn({ path: request.nextUrl.pathname, error: errorForLog(error) }, "serving a kept page failed");
    return null;
  }
}

async function serveFromCache(
  cache: PageCache,
  request: NextRequest,
  nonce: string,
  token: JWT,
): Promise<NextResponse | null> {
  const { pathname, search } = request.nextUrl;
  if (!mayServeKeptPage({ method: request.method, pathname, search, headers: request.headers })) return null;

  const claims = sessionClaimsOf(token);
  if (!claims) return null;
  const frame = await readPageFrame(claims.id);
  if (!frame || frame.sessionVersion !== claims.sessionVersion) return null;
  const key = keptPageKey({
    userId: claims.id,
    frame,
    pathname,
    search,
    theme: request.cookies.get(THEME_COOKIE)?.value ?? "",
    tradingDate: tradingDateOf(new Date()),
  });

  const now = Date.now();
  const kept = cache.store.get(key, now);
  if (kept && now - kept.keptAt > REFRESH_AFTER_MS) void renderOnce(cache, key, request);
  const page = kept ?? (await renderOnce(cache, key, request));
  if (!page) return null;
  const headers = new Headers(page.headers);
  headers.set(PAGE_CACHE_HEADER, kept ? "hit" : "miss");
  return new NextResponse(swapNonce(page.html, page.nonce, nonce), { status: 200, headers });
}

function renderOnce(cache: PageCache, key: string, request: NextRequest): Promise<KeptPage | null> {
  const inFlight = cache.rendering.get(key);
  if (inFlight) return inFlight;
  const render = renderToKeep(cache, request)
    .then((page) => {
      if (page) cache.store.set(key, page, Date.now());
      return page;
    })
    .catch((error: unknown) => {
      logger.warn(
        { path: request.nextUrl.pathname, error: errorForLog(error) },
        "rendering a page to keep failed",
      );
      return null;
    })
    .finally(() => cache.rendering.delete(key));
  cache.rendering.set(key, render);
  return render;
}

async function renderToKeep(cache: PageCache, request: NextRequest): Promise<KeptPage | null> {
  const headers = new Headers(request.headers);
  for (const name of NOT_FORWARDED) headers.delete(name);
  headers.set(RENDER_HEADER, cache.secret);
  const response = await fetch(
    new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, cache.origin),
    {
      headers,
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(RENDER_TIMEOUT_MS),
    },
  );
  const nonce = nonceOfPolicy(response.headers.get("content-security-policy"));
  const keepable =
    response.status === 200 &&
    nonce !== null &&
    !response.headers.has("set-cookie") &&
    (response.headers.get("content-type") ?? "").startsWith("text/html");
  if (!keepable) {
    await response.body?.cancel();
    return null;
  }
  const html = await response.text();
  // A document without its nonce was not rendered with this policy: it could not run its scripts.
  if (!html.includes(nonce) || !renderedWhole(html)) return null;
  const kept: [string, string][] = [];
  for (const name of PAGE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) kept.push([name, value]);
  }
  return { html, nonce, headers: kept };
}
