import "server-only";
import { RobinhoodError } from "@/lib/robinhood/client";

/**
 * The last path segment of a Robinhood resource link (`…/accounts/{number}/` → `{number}`). Legs
 * name their contract only by such a link, and events name their account by one.
 */
export function idFromLink(link: string, collection: string): string {
  const path = new URL(link).pathname;
  const marker = `/${collection}/`;
  const at = path.lastIndexOf(marker);
  const id = at < 0 ? "" : path.slice(at + marker.length).replace(/\/+$/, "");
  if (!id || id.includes("/")) {
    throw new RobinhoodError({
      code: "invalid_response",
      message: `expected a /${collection}/{id}/ link, got a link to ${path}`,
    });
  }
  return id;
}

/** A contract's Robinhood id, lowercased as PostgreSQL prints a uuid, so map lookups agree. */
export function instrumentIdFromLink(link: string): string {
  return idFromLink(link, "options/instruments").toLowerCase();
}
