import "server-only";
import { chunks } from "@/lib/server/sync/row-differs";

/**
 * Runs `find` over `ids` a few thousand at a time (PostgreSQL bounds a statement's parameters) and
 * returns every row found: how imports learn which broker ids are already stored.
 */
export async function findInChunks<Row>(
  ids: readonly string[],
  find: (chunk: string[]) => Promise<Row[]>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const chunk of chunks(ids, 5_000)) rows.push(...(await find(chunk)));
  return rows;
}
