import "server-only";
import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/server/db/create-prisma-client";
import {
  type OpenedPendingLogin,
  openPendingLogin,
  type PendingLogin,
  sealPendingLogin,
} from "./pending-login";

/**
 * Single use of the pending-login cookie. The sealed state stays in the browser (the password never
 * rests in the database); the database holds only a random id per issued cookie. A step deletes
 * that row before it uses the state and issues a new cookie for the next step, so a copied cookie,
 * or one replayed after the step it belonged to, is refused on any instance.
 */

export type PendingLoginStoreOptions = { db: Database; key: string; now?: number };

/** Records a fresh id for the state and returns the sealed cookie value. */
export async function issuePendingLogin(
  login: PendingLogin,
  options: PendingLoginStoreOptions,
): Promise<string> {
  const now = options.now ?? Date.now();
  const id = randomBytes(24).toString("base64url");
  // Abandoned sign-ins leave rows behind; each new one sweeps the expired ones (an indexed delete).
  await options.db.pendingLogin.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
  await options.db.pendingLogin.create({ data: { id, expiresAt: new Date(login.expiresAt) } });
  return sealPendingLogin(login, options.key, id);
}

/**
 * Opens the cookie and consumes its row in one statement: of two requests carrying the same cookie,
 * exactly one gets the state.
 */
export async function takePendingLogin(
  sealed: string,
  options: PendingLoginStoreOptions,
): Promise<OpenedPendingLogin> {
  const now = options.now ?? Date.now();
  const opened = openPendingLogin(sealed, { key: options.key, now });
  if (!opened.ok) return opened;
  const { count } = await options.db.pendingLogin.deleteMany({
    where: { id: opened.id, expiresAt: { gt: new Date(now) } },
  });
  return count === 1 ? opened : { ok: false, reason: "used" };
}

/** Opens the cookie without consuming it (a reload of the sign-in page shows the step in progress). */
export async function peekPendingLogin(
  sealed: string,
  options: PendingLoginStoreOptions,
): Promise<OpenedPendingLogin> {
  const now = options.now ?? Date.now();
  const opened = openPendingLogin(sealed, { key: options.key, now });
  if (!opened.ok) return opened;
  const open = await options.db.pendingLogin.count({
    where: { id: opened.id, expiresAt: { gt: new Date(now) } },
  });
  return open === 1 ? opened : { ok: false, reason: "used" };
}

/** Ends a sign-in in progress (start over, a new password, a finished sign-in). */
export async function discardPendingLogin(sealed: string, options: PendingLoginStoreOptions): Promise<void> {
  const opened = openPendingLogin(sealed, { key: options.key, now: options.now });
  if (opened.ok) await options.db.pendingLogin.deleteMany({ where: { id: opened.id } });
}
