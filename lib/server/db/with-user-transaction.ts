import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AccountDeletedError } from "./account-deleted-error";
import {
  type BeginUserScopeOptions,
  beginUserScope,
  type ScopedUser,
  type UserProfile,
} from "./begin-user-scope";
import type { Database } from "./create-prisma-client";
import { getDb } from "./db";

export type UserTransaction = Prisma.TransactionClient;

export type WithUserTransactionOptions = BeginUserScopeOptions & {
  /** Defaults to the app's client; tests pass their own. */
  db?: Database;
  timeoutMs?: number;
};

export type { ScopedUser, UserProfile };

export { AccountDeletedError };

/**
 * Runs user-scoped work in one interactive transaction that first sets the row-level-security context
 * for the user and then upserts the user, so no row written inside can reference a missing user,
 * whatever runs concurrently. Every read and write of user-owned data goes through here.
 */
export async function withUserTransaction<T>(
  options: WithUserTransactionOptions,
  work: (tx: UserTransaction, user: ScopedUser) => Promise<T>,
): Promise<T> {
  const db = options.db ?? getDb();
  return db.$transaction((tx) => runAsUser(tx, options, work), {
    timeout: options.timeoutMs ?? 30_000,
    maxWait: 10_000,
  });
}

export type RunAsUserOptions = Pick<WithUserTransactionOptions, "robinhoodUserId" | "purpose" | "profile">;

/**
 * The steps of `withUserTransaction` inside a transaction the caller already opened (the cron opens
 * one to claim a user first). Must be the first user-scoped work of that transaction.
 */
export async function runAsUser<T>(
  tx: UserTransaction,
  options: RunAsUserOptions,
  work: (tx: UserTransaction, user: ScopedUser) => Promise<T>,
): Promise<T> {
  const user = await beginUserScope(tx, options);
  return work(tx, user);
}
