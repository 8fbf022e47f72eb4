import "server-only";
import { cookies } from "next/headers";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Signs the browser out: removes next-auth's session cookie (and its chunks, when a large token was
 * split). JWT sessions have no server-side row, so the cookie is the session.
 */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (SESSION_COOKIES.some((name) => cookie.name === name || cookie.name.startsWith(`${name}.`))) {
      jar.set(cookie.name, "", {
        path: "/",
        maxAge: 0,
        httpOnly: true,
        secure: cookie.name.startsWith("__Secure-"),
        sameSite: "lax",
      });
    }
  }
}
