import "server-only";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { withPgTransaction } from "@/lib/server/db/with-pg-transaction";

export type ImportQuotaClaim = { ok: true } | { ok: false; message: string; resetsAt: Date };

export type ClaimImportQuotaOptions = {
  robinhoodUserId: string;
  /** Size of the uploaded file. */
  bytes: number;
  /** The user's allowance per UTC day. */
  bytesPerDay: number;
  now?: Date;
  /** The database's connection string (the upload is counted on a connection of its own). */
  connectionString: string;
};

/**
 * Counts an upload against the user's daily import allowance, or refuses it when it would go over.
 * Every upload that is let through counts, whether it is then imported or refused for a bad row:
 * reading a file is the cost being limited. Callers hold the user's import slot, so no other upload
 * of the user is counted between the sum and the insert. Usage from earlier days is deleted.
 *
 * The user's row is not created here (a refused file writes nothing else): an upload by a user with
 * no row yet, which the app never sees because signing in creates it, is let through uncounted. Nor
 * is the per-user lock taken, so a running recompute of the user does not hold the answer up.
 */
export async function claimImportQuota(options: ClaimImportQuotaOptions): Promise<ImportQuotaClaim> {
  const now = options.now ?? new Date();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const resetsAt = new Date(dayStart.getTime() + 86_400_000);
  const userId = userIdFromRobinhoodUserId(options.robinhoodUserId.trim().toLowerCase());
  return withPgTransaction(
    { connectionString: options.connectionString, timeoutMs: 30_000, what: "counting the upload" },
    async (tx) => {
      await tx.$queryRawUnsafe("SELECT set_config('app.user_id', $1, true)", userId);
      await tx.$executeRawUnsafe(
        "DELETE FROM import_usage WHERE user_id = $1::uuid AND created_at < $2::timestamptz",
        userId,
        dayStart,
      );
      const [usage] = await tx.$queryRawUnsafe<{ used: string }[]>(
        `SELECT COALESCE(sum(byte_count), 0)::text AS used FROM import_usage
         WHERE user_id = $1::uuid AND created_at >= $2::timestamptz`,
        userId,
        dayStart,
      );
      const used = Number(usage?.used ?? 0);
      if (used + options.bytes > options.bytesPerDay) {
        return { ok: false, resetsAt, message: refusal(used, options, now, resetsAt) } as const;
      }
      await tx.$executeRawUnsafe(
        `INSERT INTO import_usage (user_id, byte_count, created_at)
         SELECT id, $2::integer, $3::timestamptz FROM users WHERE id = $1::uuid`,
        userId,
        options.bytes,
        now,
      );
      return { ok: true } as const;
    },
  );
}

function refusal(used: number, options: ClaimImportQuotaOptions, now: Date, resetsAt: Date): string {
  const minutes = Math.ceil((resetsAt.getTime() - now.getTime()) / 60_000);
  const wait = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return `This file (${megabytes(options.bytes)}) would go over your import allowance of ${megabytes(options.bytesPerDay)} a day (${megabytes(used)} used today), so it was not read. The allowance resets at 00:00 UTC, in ${wait}.`;
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
