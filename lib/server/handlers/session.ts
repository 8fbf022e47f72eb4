import "server-only";
import { getSessionUser, type SessionUser, UnauthorizedError } from "@/lib/server/auth/require-user";

/**
 * What a handler needs of the session: `required` refuses without one (UnauthorizedError, 401),
 * `optional` passes the user or null (signing out works either way), `none` never reads it (sign-in
 * steps, the demo, health).
 */
export type SessionMode = "required" | "optional" | "none";

export type UserFor<Mode extends SessionMode> = Mode extends "required"
  ? SessionUser
  : Mode extends "optional"
    ? SessionUser | null
    : null;

export async function sessionFor<Mode extends SessionMode>(mode: Mode): Promise<UserFor<Mode>> {
  if (mode === "none") return null as UserFor<Mode>;
  const user = await getSessionUser();
  if (!user && mode === "required") throw new UnauthorizedError();
  return user as UserFor<Mode>;
}

/** Marks a function built by a wrapper, so a test can check every action and route uses one. */
export const HANDLER_KIND = Symbol.for("rollbook.handler-kind");

export function brand<F extends object>(handler: F, kind: "server-action" | "route-handler"): F {
  Object.defineProperty(handler, HANDLER_KIND, { value: kind });
  return handler;
}
