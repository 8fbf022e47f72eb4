import "server-only";
import type { SqlRunner } from "./sql-runner";
import type { ScopedUser } from "./with-user-transaction";

/**
 * Gives the user a new data version, inside the transaction that changes what pages read (a sync's or
 * an import's write, through markInputsChanged, and every recompute), so it commits with the change:
 * reads cached under the old version (lib/server/cache) are never served again, on any instance. The
 * value comes from one sequence for all users and is never reused (see the migration
 * add_user_data_version). The user's row is already locked by beginUserScope's upsert: no new wait.
 */
export async function bumpDataVersion(tx: SqlRunner, user: ScopedUser): Promise<void> {
  await tx.$executeRawUnsafe(
    "UPDATE users SET data_version = nextval('users_data_version_seq') WHERE id = $1::uuid",
    user.id,
  );
}
