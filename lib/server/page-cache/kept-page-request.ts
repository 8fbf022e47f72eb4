import { createHash } from "node:crypto";

/**
 * The pages that are kept once rendered. Each reads nothing but the page frame (who is signed in,
 * freshness, reconnect state: app_page_frame, read again on every request) and reads cached by the
 * user's data version (lib/server/cache), besides the URL, the theme cookie and today's date. So a
 * page rendered for one (user, frame, URL, theme, day) is the page that would be rendered again,
 * except for its nonce and the render's clock (FreshnessProvider's `renderedAt`). A page that reads
 * anything else (imports in progress, runs, settings) must not be added here.
 */
const KEPT_PATHS = [/^\/dashboard$/, /^\/chains$/, /^\/chains\/[^/]+$/, /^\/positions$/, /^\/activity$/];

/**
 * Next.js's client navigations, prefetches and actions. Next.js takes these headers off the request
 * before the proxy sees it (so the proxy "only sees page requests"), which is why a kept page also
 * needs the browser to say it is loading a document (`Sec-Fetch-Dest`); they are checked here too for
 * a server that keeps them (`skipProxyUrlNormalize`).
 */
const NOT_A_DOCUMENT = ["rsc", "next-action", "next-router-state-tree", "next-router-prefetch"];

export type PageRequest = { method: string; pathname: string; search: string; headers: Headers };

/**
 * Whether this request may be answered with a kept page: a browser's GET of a kept page's document
 * (`Sec-Fetch-Dest: document`, which every current browser sends on a navigation and never on a
 * `fetch`, so a client navigation's RSC request always renders), not a reload that asked for a fresh
 * copy (a hard reload sends `Cache-Control: no-cache`).
 */
export function mayServeKeptPage(request: PageRequest): boolean {
  if (request.method !== "GET") return false;
  if (request.headers.get("sec-fetch-dest") !== "document") return false;
  if (!KEPT_PATHS.some((path) => path.test(request.pathname))) return false;
  if (NOT_A_DOCUMENT.some((name) => request.headers.has(name))) return false;
  if (new URLSearchParams(request.search).has("_rsc")) return false;
  const cacheControl = request.headers.get("cache-control") ?? "";
  return !/no-cache|no-store/i.test(cacheControl) && !/no-cache/i.test(request.headers.get("pragma") ?? "");
}

export type PageKeyParts = {
  userId: string;
  /** The page frame as read for this request: any change to it (a sync step, a new version) is a new key. */
  frame: unknown;
  pathname: string;
  search: string;
  theme: string;
  tradingDate: string;
};

/** The key of a kept page: the user in the clear (it is the reader), the rest digested. */
export function keptPageKey(parts: PageKeyParts): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([parts.frame, parts.pathname, parts.search, parts.theme, parts.tradingDate]))
    .digest("base64url");
  return `${parts.userId}:${digest}`;
}
