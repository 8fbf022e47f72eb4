import type { Listed } from "./dataset";
import { detail, json, type SimResponse } from "./http-types";

export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

/** Robinhood's cursor: base64 of a keyset query string such as `p=2019-04-22 17:31:56.824376+00:00` (§3.1). */
function encodeCursor(sortKey: string): string {
  const [at = "", id = ""] = sortKey.split("|");
  return Buffer.from(new URLSearchParams({ p: at, i: id }).toString()).toString("base64");
}

function decodeCursor(cursor: string): string | undefined {
  const params = new URLSearchParams(Buffer.from(cursor, "base64").toString("utf8"));
  const at = params.get("p");
  const id = params.get("i");
  return at !== null && id !== null ? `${at}|${id}` : undefined;
}

/**
 * One page of a newest-first list. `next` repeats the request's filters plus the cursor (whether
 * Robinhood repeats them is open, §8.6; repeating them is the safe reading for a client).
 */
export function page(
  items: readonly Listed[],
  options: { baseUrl: string; path: string; query: URLSearchParams; defaultPageSize?: number },
): SimResponse {
  const requested = Number.parseInt(options.query.get("page_size") ?? "", 10);
  const size = Math.min(
    MAX_PAGE_SIZE,
    requested > 0 ? requested : (options.defaultPageSize ?? DEFAULT_PAGE_SIZE),
  );
  const cursor = options.query.get("cursor");
  let start = 0;
  if (cursor) {
    const after = decodeCursor(cursor);
    if (after === undefined) return detail(404, "Invalid cursor");
    start = items.findIndex((item) => item.sortKey < after);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + size);
  const last = slice[slice.length - 1];
  const link = (cursorValue: string | null) => {
    const params = new URLSearchParams(options.query);
    params.delete("cursor");
    if (cursorValue) params.set("cursor", cursorValue);
    const text = params.toString();
    return `${options.baseUrl}${options.path}${text ? `?${text}` : ""}`;
  };
  return json(200, {
    next: last && start + size < items.length ? link(encodeCursor(last.sortKey)) : null,
    previous: cursor ? link(null) : null,
    results: slice.map((item) => item.json),
  });
}
