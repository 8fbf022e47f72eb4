import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import { bodyTooLargeResponse, isBodyTooLarge } from "@/lib/http/body-too-large";

/**
 * Sends signed-out visitors of app pages to the sign-in page. It only redirects: every page, route
 * handler and server action checks the session itself (lib/server/auth/require-user.ts), and
 * non-GET requests (server actions) pass through to those checks.
 */
export async function proxy(request: NextRequest) {
  // Before Next.js reads the body: past the limit it would answer a form posted without JavaScript
  // with a bare 500.
  if (isBodyTooLarge(request)) return bodyTooLargeResponse(request);
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  const token = await getToken({ req: request, secret: getEnv().NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: [
    "/dashboard/:path*",
    "/chains/:path*",
    "/positions/:path*",
    "/imports/:path*",
    "/settings/:path*",
  ],
};
