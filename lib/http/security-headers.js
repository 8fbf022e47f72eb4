// @ts-check
// Security headers of every response. Plain JavaScript so next.config.js (every response, static
// assets and route handlers included) and proxy.ts (pages, with a per-request CSP nonce) share them.

/**
 * The policy of everything that is not a page (route handlers, static assets, images): nothing may be
 * loaded, run or framed on its behalf. Pages get `pageContentSecurityPolicy` from the proxy instead,
 * which replaces this header.
 */
export const RESOURCE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers for every response. `frame-ancestors 'none'` and `X-Frame-Options: DENY` (for browsers
 * without CSP level 2) stop clickjacking, e.g. of Settings' "Delete my account".
 * Keys are lower case: the proxy's headers replace these by exact name.
 */
export const COMMON_SECURITY_HEADERS = [
  { key: "x-frame-options", value: "DENY" },
  { key: "x-content-type-options", value: "nosniff" },
  // Nothing of a path (chain ids, search params) reaches another site.
  { key: "referrer-policy", value: "same-origin" },
  { key: "permissions-policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "cross-origin-opener-policy", value: "same-origin" },
];

/**
 * Only over https (the scheme the browser used, as a proxy in front reports it): a browser ignores
 * HSTS received over http, and a development server must stay reachable over http. Two years, the
 * usual value for preload lists; subdomains too, as nothing on them should be served over http.
 */
export const HSTS_HEADER = { key: "strict-transport-security", value: "max-age=63072000; includeSubDomains" };

/**
 * The policy of a page. Scripts run only with this request's nonce (Next.js puts it on its own
 * scripts when it finds the policy on the request) or when loaded by such a script ('strict-dynamic');
 * styles come from the app's own stylesheets. Development adds what React's dev tooling needs:
 * eval for call stacks and inline styles for the error overlay.
 *
 * @param {{ nonce: string, development: boolean, https: boolean }} options
 */
export function pageContentSecurityPolicy({ nonce, development, https }) {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
