import { isDemoRobinhoodUserId } from "./demo-id";
import { uuidV5 } from "./uuid-v5";

/**
 * Namespace of Rollbook user ids. Fixed forever: changing it would give every user a new id and orphan
 * their data. Documented in README ("Identity").
 */
export const ROLLBOOK_USER_NAMESPACE = "8b1f6a52-3c0e-4d7a-9f25-6e4b1d0c7a93";

/**
 * Ids already derived: a page request derives its user's id once per read (a SHA-1 each, about half
 * a millisecond of a request's CPU in a profile). The mapping never changes; bounded, and emptied
 * when full, so a server signing in many users keeps at most this many.
 */
const derived = new Map<string, string>();
const MAX_DERIVED = 1_000;

const ROBINHOOD_USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The Rollbook user id of a Robinhood user: UUID v5 of the `id` of Robinhood's `/user/` resource.
 * Login, sync, import and recompute all derive it here, so they always agree. A demo visitor's
 * identity (`demo:<random uuid>`, lib/identity/demo-id.ts) maps the same way, under its own name
 * prefix, so the two kinds of ids can never give the same user.
 */
export function userIdFromRobinhoodUserId(robinhoodUserId: string): string {
  const known = derived.get(robinhoodUserId);
  if (known !== undefined) return known;
  const userId = deriveUserId(robinhoodUserId);
  if (derived.size >= MAX_DERIVED) derived.clear();
  derived.set(robinhoodUserId, userId);
  return userId;
}

function deriveUserId(robinhoodUserId: string): string {
  const normalized = robinhoodUserId.trim().toLowerCase();
  if (isDemoRobinhoodUserId(normalized)) return uuidV5(normalized, ROLLBOOK_USER_NAMESPACE);
  if (!ROBINHOOD_USER_ID.test(normalized)) {
    throw new Error("A Robinhood user id is a UUID (the `id` of the /user/ resource)");
  }
  return uuidV5(`robinhood:${normalized}`, ROLLBOOK_USER_NAMESPACE);
}
