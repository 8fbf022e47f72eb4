import { uuidV5 } from "@/lib/identity/uuid-v5";

/** Namespace of derived-row ids. Fixed: links to a chain must survive every recompute. */
const DERIVED_NAMESPACE = "4d2c9e1a-7b3f-4a8e-b6d5-1f0e9c8b7a61";

/**
 * The id of a derived row, from the user and the row's natural key. Recompute replaces derived
 * rows wholesale; deterministic ids make two runs over the same inputs leave identical rows, and
 * keep chain ids stable for bookmarks and links.
 */
export function derivedRowId(
  userId: string,
  kind: "chain" | "lot" | "position" | "stock" | "roll" | "wheel",
  key: string,
) {
  return uuidV5(`${userId}:${kind}:${key}`, DERIVED_NAMESPACE);
}
