/**
 * A JSON value spelled as PostgreSQL prints a `jsonb`: a space after each comma and colon, an
 * object's keys shortest first and then by their bytes, keys whose value is undefined left out
 * (as `JSON.stringify` leaves them). Written this way, a stored `jsonb` reads back as the same text,
 * so comparing a derived row with its stored one needs no parse (`stored-row-lines.ts`). Strings
 * and numbers are spelled by `JSON.stringify`, which escapes as PostgreSQL does; a number PostgreSQL
 * would print otherwise (an exponent) only costs that comparison a parse.
 */
export function jsonbText(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (typeof (value as { toJSON?: unknown }).toJSON === "function")
    return jsonbText((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value))
    return `[${value.map((element) => (element === undefined ? "null" : jsonbText(element))).join(", ")}]`;
  const entries = Object.entries(value).filter(
    ([, entry]) => entry !== undefined && typeof entry !== "function",
  );
  entries.sort(([a], [b]) => compareKeys(a, b));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}: ${jsonbText(entry)}`).join(", ")}}`;
}

/** PostgreSQL's order of a jsonb object's keys: by length in UTF-8 bytes, then byte by byte. */
function compareKeys(a: string, b: string): number {
  // ASCII keys (every key the derived rows write) are their own bytes: no encoding needed.
  if (isAscii(a) && isAscii(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length - right.length || Buffer.compare(left, right);
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}
