import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import { bodyTooLargeResponse, isBodyTooLarge } from "@/lib/http/body-too-large";
import { pageContentSecurityPolicy } from "@/lib/http/security-headers";
import { decodeSessionToken } from "@/lib/server/auth/decode-session-token";
import { serveKeptPage } from "@/lib/server/page-cache/serve-kept-page";

/** App pages: a visitor without a session cookie is sent to the sign-in page before they render. */
const SIGNED_IN_SECTIONS = [
  "/dashboard",
  "/chains",
  "/positions",
  "/wheel",
  "/risk",
  "/statistics",
  "/calendar",
  "/activity",
  "/explain",
  "/imports",
  "/runs",
  "/settings",
];

/**
 * Runs before every page (not route handlers or static files, see `config`):
 * - gives the page a Content-Security-Policy with a fresh nonce, set on the request (Next.js reads it
 *   there and puts the nonce on the scripts it renders) and on the response, where it replaces the
 *   resource policy that next.config.js sets on everything;
 * - sends signed-out visitors of app pages to the sign-in page. It only redirects: every page, route
 *   handler and server action checks the session itself (lib/server/auth/require-user.ts), and
 *   non-GET requests (server actions) pass through to those checks;
 * - answers a page that nothing has changed since it was rendered with the document it rendered
 *   then, under this request's nonce (lib/server/page-cache/serve-kept-page.ts).
 */
export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const contentSecurityPolicy = pageContentSecurityPolicy({
    nonce,
    development: getEnv().NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:",
  });
  // Checked before Next.js reads the body: past the limit it would answer a form posted without
  // JavaScript with a bare 500.
  const response = isBodyTooLarge(request)
    ? bodyTooLargeResponse(request)
    : await answerPage(request, nonce, contentSecurityPolicy);
  response.headers.set("content-security-policy", contentSecurityPolicy);
  return response;
}

async function answerPage(request: NextRequest, nonce: string, contentSecurityPolicy: string) {
  if (!isSignedInPageLoad(request)) return continueWith(request, contentSecurityPolicy);
  // Decoded once, for the redirect and the kept page both.
  const token = await getToken({
    req: request,
    secret: getEnv().NEXTAUTH_SECRET,
    decode: decodeSessionToken,
  });
  if (!token) return signInRedirect(request);
  return (await serveKeptPage(request, nonce, token)) ?? continueWith(request, contentSecurityPolicy);
}

/** A GET (or HEAD) of an app page, which needs a session. */
function isSignedInPageLoad(request: NextRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = request.nextUrl.pathname;
  return SIGNED_IN_SECTIONS.some((section) => path === section || path.startsWith(`${section}/`));
}

function signInRedirect(request: NextRequest): NextResponse {
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

function continueWith(request: NextRequest, contentSecurityPolicy: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", contentSecurityPolicy);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Every page: not route handlers (/api), Next.js's own files (/_next) or files with an extension
  // (public/, app/icon.svg). Those get next.config.js's headers only.
  matcher: ["/((?!api/|_next/|.*\\.[A-Za-z0-9]+$).*)"],
};
