import type { z } from "zod";
import { paginated } from "../schemas/common";
import type { AuthorizedRequester, GetRequest } from "./authorized-requester";
import { RobinhoodError } from "./errors";

/** A hard stop against a server that keeps handing out `next` links (or loops). */
const MAX_PAGES = 10_000;

/**
 * Follows `next` links until null (§3.1), yielding each page's items. Robinhood's cursors are opaque,
 * so the URL is used exactly as given (after the same-origin check in the transport).
 */
export async function* paginate<T extends z.ZodType>(
  api: AuthorizedRequester,
  item: T,
  first: GetRequest,
): AsyncGenerator<z.output<T>[], void, undefined> {
  const pageSchema = paginated(item);
  const seen = new Set<string>();
  let request: GetRequest = first;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const body = await api.get(pageSchema, request);
    yield body.results as z.output<T>[];
    if (body.next === null) return;
    if (seen.has(body.next)) {
      throw new RobinhoodError({
        code: "invalid_response",
        message: "pagination loops back to a page already read",
        endpoint: `GET ${first.path}`,
      });
    }
    seen.add(body.next);
    request = { path: first.path, url: body.next, signal: first.signal };
  }
  throw new RobinhoodError({
    code: "invalid_response",
    message: `more than ${MAX_PAGES} pages`,
    endpoint: `GET ${first.path}`,
  });
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

/** Splits ids into batches for endpoints that take a comma list, dropping duplicates. */
export function batches(ids: readonly string[], size: number): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}
