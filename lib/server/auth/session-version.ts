import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";

/**
 * The server-side half of a session. Sessions are JWTs that live in a cookie, so nothing on the
 * server remembers them; instead every token carries the user's `users.session_version` from sign-in,
 * and a request is authenticated only while the row still holds that version. Bumping it ends every
 * session of the user at once (copied cookies included); deleting the row ends them too.
 *
 * Each call is one primary-key read or update in a two-statement batch: set the row-level-security
 * context, then the statement (`users` has FORCE ROW LEVEL SECURITY).
 */

export type SessionVersionOptions = { db?: Database };

/** The user's current session version, or null when the user no longer exists. */
export async function readSessionVersion(userId: string, options: SessionVersionOptions = {}) {
  const db = options.db ?? getDb();
  const [, rows] = await db.$transaction([
    db.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`,
    db.$queryRaw<{ session_version: number }[]>`
      SELECT session_version FROM users WHERE id = ${userId}::uuid`,
  ]);
  return rows[0]?.session_version ?? null;
}

/** Whether a session token's version is still the user's (false for a deleted user). */
export async function sessionVersionIsCurrent(
  userId: string,
  version: number,
  options: SessionVersionOptions = {},
): Promise<boolean> {
  return (await readSessionVersion(userId, options)) === version;
}

/** Ends every session of the user, on every device: sign-out and "sign out everywhere". */
export async function endAllSessions(userId: string, options: SessionVersionOptions = {}): Promise<void> {
  const db = options.db ?? getDb();
  await db.$transaction([
    db.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`,
    db.$executeRaw`UPDATE users SET session_version = session_version + 1 WHERE id = ${userId}::uuid`,
  ]);
}
