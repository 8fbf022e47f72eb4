import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";

/**
 * The server-side half of a session. Sessions are JWTs that live in a cookie, so nothing on the
 * server remembers them; instead every token carries the user's `users.session_version` from sign-in,
 * and a request is authenticated only while the row still holds that version. Bumping it ends every
 * session of the user at once (copied cookies included); deleting the row ends them too.
 *
 * The read runs on every authenticated request, so it is one statement: the database function
 * `app_session_version` sets the row-level-security context (`users` has FORCE ROW LEVEL SECURITY)
 * and reads the row by primary key. The rare bump is a two-statement batch.
 */

export type SessionVersionOptions = { db?: Database };

/** The user's current session version, or null when the user no longer exists. */
export async function readSessionVersion(userId: string, options: SessionVersionOptions = {}) {
  const db = options.db ?? getDb();
  const rows = await db.$queryRaw<{ version: number | null }[]>`
    SELECT app_session_version(${userId}::uuid) AS version`;
  return rows[0]?.version ?? null;
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
