import { randomUUID } from "node:crypto";

/**
 * A demo visitor's broker identity: `demo:` and a random UUID. It stands where a Robinhood user id
 * stands (sessions, `users.robinhood_user_id`, the recompute queue), so every visitor gets a user of
 * their own through the same identity function, and it can never equal a real Robinhood user id
 * (those are bare UUIDs, checked by the API schemas).
 */
export const DEMO_ID_PREFIX = "demo:";

const DEMO_ID = /^demo:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new, unguessable demo identity for one visitor. */
export function newDemoRobinhoodUserId(): string {
  return `${DEMO_ID_PREFIX}${randomUUID()}`;
}

/** True for a demo visitor's identity (`demo:<uuid>`, any case), false for a Robinhood user id. */
export function isDemoRobinhoodUserId(robinhoodUserId: string): boolean {
  return DEMO_ID.test(robinhoodUserId.trim().toLowerCase());
}
