import "server-only";
import { cache as perRequest } from "react";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import { readDataVersion } from "./read-data-version";
import { UserReadCache } from "./user-read-cache";

// One per server process, kept on globalThis: a production build may load this module twice (as it
// did the pool registries), and two caches would only halve the hits.
const CACHE_KEY = Symbol.for("rollbook.userReadCache");
const holder = globalThis as { [CACHE_KEY]?: UserReadCache };
holder[CACHE_KEY] ??= new UserReadCache(500);
const cache = holder[CACHE_KEY];

/** The process's cache (tests clear it and look at its size). */
export function userReadCache(): UserReadCache {
  return cache;
}

export type CachedUserReadOptions = {
  robinhoodUserId: string;
  /** Names the read and every argument that changes its result (page, sort, filters, today). */
  key: readonly unknown[];
  db?: Database;
};

/**
 * Runs a page's read through the per-user cache: served from memory while the user's data version
 * (one primary-key read) is the one it was read under, read again after any sync, import or
 * recompute has committed a new version.
 *
 * Why it is safe with row-level security: the key starts with the user id the read runs as (derived
 * from the session's Robinhood id, as readAsUser derives it), so a read is only ever served to the
 * user it was read for. The version is read BEFORE the data, so a cached value is never older than
 * its version (a change committed in between is cached under the older version, which is harmless:
 * the next request reads the newer version and misses). Versions are never reused, so an account
 * deleted and signed up again cannot meet its earlier life's reads; a user that does not exist is
 * not cached at all (the read itself then finds nothing or refuses).
 */
export async function cachedUserRead<T>(options: CachedUserReadOptions, read: () => Promise<T>): Promise<T> {
  const db = options.db ?? getDb();
  const userId = userIdFromRobinhoodUserId(options.robinhoodUserId.trim().toLowerCase());
  const version = requestDataVersions().get(requestKey(userId, db)) ?? (await readDataVersion(userId, db));
  if (version === null) return read();
  // Tests give each file its own client: keep their reads apart even if two databases agree on a version.
  return cache.read(JSON.stringify([userId, version, databaseTag(db), ...options.key]), read);
}

const tags = new WeakMap<object, number>();
let nextTag = 0;
function databaseTag(db: Database): number {
  let tag = tags.get(db);
  if (tag === undefined) {
    tag = nextTag++;
    tags.set(db, tag);
  }
  return tag;
}

// The data version this request has already read, by user and database: a page's frame reads it with
// the session (lib/server/auth/page-session.ts), so the page's cached reads need no statement of their
// own. React keeps one map per server request (outside a request, every call gets a new, empty map).
// It is still read before any of the request's data, so a cached value is never older than its key.
const requestDataVersions = perRequest(() => new Map<string, string>());

function requestKey(userId: string, db: Database): string {
  return `${userId}:${databaseTag(db)}`;
}

/** Records the user's data version, just read by this request, for the request's cached reads. */
export function rememberRequestDataVersion(userId: string, version: string, db: Database = getDb()): void {
  requestDataVersions().set(requestKey(userId, db), version);
}
