import "server-only";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";

export type ImportQuotaClaim = { ok: true } | { ok: false; message: string; resetsAt: Date };

export type ClaimImportQuotaOptions = {
  robinhoodUserId: string;
  /** Size of the uploaded file. */
  bytes: number;
  /** The user's allowance per UTC day. */
  bytesPerDay: number;
  now?: Date;
  db?: Database;
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
  const db = options.db ?? getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`;
    await tx.importUsage.deleteMany({ where: { userId, createdAt: { lt: dayStart } } });
    const usage = await tx.importUsage.aggregate({
      where: { userId, createdAt: { gte: dayStart } },
      _sum: { byteCount: true },
    });
    const used = usage._sum.byteCount ?? 0;
    if (used + options.bytes > options.bytesPerDay) {
      return { ok: false, resetsAt, message: refusal(used, options, now, resetsAt) };
    }
    await tx.$executeRaw`
      INSERT INTO import_usage (user_id, byte_count, created_at)
      SELECT id, ${options.bytes}::integer, ${now}::timestamptz FROM users WHERE id = ${userId}::uuid`;
    return { ok: true };
  });
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
