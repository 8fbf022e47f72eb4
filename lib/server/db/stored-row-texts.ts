import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { CopyRow } from "./copy-rows";

/**
 * Values compared by what they mean, not by how they are spelled: PostgreSQL prints a stored value in
 * its output syntax (`numeric` with the column's scale, `text[]` unquoted, `jsonb` with spaces and its
 * own key order, `boolean` as `t`), while a given row spells it in input syntax (`12.50`,
 * `{"EXPIRY"}`, `JSON.stringify`). Each type a derived table uses has a canonical form both sides are
 * brought to; any other type compares as text. A value found unequal only because of its spelling is
 * written again, which is slower, never wrong.
 */
export type ValueComparer = (stored: string, given: string) => boolean;

const ZERO = 48;
const POINT = 46;

/**
 * PostgreSQL's fixed OIDs (`pg_type.oid`, the same in every database) of the types the comparisons
 * know: those read by meaning, and those whose text COPY never escapes (`stored-row-lines.ts`).
 */
export const TYPE_OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  json: 114,
  textArray: 1009,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

/** How two texts of a column of type `typeId` (PostgreSQL's OID of the type) are compared. */
export function comparerOf(typeId: number): ValueComparer | null {
  switch (typeId) {
    case TYPE_OID.numeric:
      return sameDecimal;
    case TYPE_OID.timestamptz:
    case TYPE_OID.timestamp:
      return memoized((text) => epochMsOfTimestamp(text));
    case TYPE_OID.jsonb:
    case TYPE_OID.json:
      return memoizedDeep((text) => JSON.parse(text) as unknown);
    case TYPE_OID.bool:
      return (stored, given) => booleanOf(stored) === booleanOf(given);
    case TYPE_OID.textArray:
      return memoizedDeep(parseTextArray);
    default:
      return null;
  }
}

/**
 * Whether two decimals are one number, as `canonicalDecimal` says, without making a string: most
 * stored decimals differ from the given ones only by the zeros that pad the column's scale, so
 * past their common start each must hold nothing but fraction zeros. Anything else (a sign of zero)
 * is settled by the canonical forms.
 */
export function sameDecimal(stored: string, given: string): boolean {
  if (stored === given) return true;
  const shorter = Math.min(stored.length, given.length);
  let common = 0;
  while (common < shorter && stored.charCodeAt(common) === given.charCodeAt(common)) common++;
  const inFraction = common > 0 && stored.lastIndexOf(".", common - 1) !== -1;
  if (onlyFractionZeros(stored, common, inFraction) && onlyFractionZeros(given, common, inFraction))
    return true;
  return canonicalDecimal(stored) === canonicalDecimal(given);
}

/** Whether `text` from `from` on is only fraction zeros (after its point, when not yet in the fraction). */
export function onlyFractionZeros(text: string, from: number, inFraction: boolean): boolean {
  let index = from;
  if (!inFraction && index < text.length) {
    if (text.charCodeAt(index) !== POINT) return false;
    index++;
  }
  for (; index < text.length; index++) if (text.charCodeAt(index) !== ZERO) return false;
  return true;
}

/** `12.500000`, `12.50` and `12.5` are one number: the fraction's trailing zeros (and a bare point) go. */
export function canonicalDecimal(text: string): string {
  if (!text.includes(".")) return text === "-0" ? "0" : text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === ZERO) end--;
  if (text.charCodeAt(end - 1) === POINT) end--;
  const trimmed = text.slice(0, end);
  return trimmed === "-0" ? "0" : trimmed;
}

/**
 * Epoch milliseconds of a timestamp as PostgreSQL prints it (`2016-11-21 00:00:00+00`, fractions and
 * zone offsets of any length) or as ISO 8601; NaN when unreadable, which never equals anything.
 */
export function epochMsOfTimestamp(text: string): number {
  const iso = text.replace(" ", "T").replace(/([+-]\d\d)(\d\d)?$/, (_, hours: string, minutes?: string) => {
    return `${hours}:${minutes ?? "00"}`;
  });
  return Date.parse(iso);
}

function booleanOf(text: string): boolean | null {
  if (text === "t" || text === "true") return true;
  if (text === "f" || text === "false") return false;
  return null;
}

/**
 * The elements of a one-dimensional `text[]` in PostgreSQL's array syntax, quoted (`{"A","B"}`) or
 * not (`{A,B}`); an unquoted NULL is null.
 */
export function parseTextArray(text: string): (string | null)[] | null {
  if (!text.startsWith("{") || !text.endsWith("}")) return null;
  const elements: (string | null)[] = [];
  const body = text.slice(1, -1);
  if (body === "") return elements;
  let index = 0;
  while (index <= body.length) {
    if (body[index] === '"') {
      let value = "";
      index++;
      while (index < body.length && body[index] !== '"') {
        if (body[index] === "\\") index++;
        value += body[index];
        index++;
      }
      elements.push(value);
      index += 2; // the closing quote and the comma
    } else {
      const comma = body.indexOf(",", index);
      const end = comma === -1 ? body.length : comma;
      const value = body.slice(index, end);
      elements.push(value.toUpperCase() === "NULL" ? null : value);
      index = end + 1;
    }
  }
  return elements;
}

// A derived table repeats few distinct texts per such column (days, roll kinds, empty adjustments):
// each is read once per comparison run.
function memoized(read: (text: string) => unknown): ValueComparer {
  const cache = new Map<string, unknown>();
  const of = (text: string) => {
    if (cache.has(text)) return cache.get(text);
    const value = read(text);
    cache.set(text, value);
    return value;
  };
  return (stored, given) => of(stored) === of(given);
}

function memoizedDeep(read: (text: string) => unknown): ValueComparer {
  const cache = new Map<string, unknown>();
  const of = (text: string) => {
    if (cache.has(text)) return cache.get(text);
    let value: unknown;
    try {
      value = read(text);
    } catch {
      value = Symbol("unreadable");
    }
    cache.set(text, value);
    return value;
  };
  return (stored, given) => stored === given || isDeepStrictEqual(of(stored), of(given));
}

/** Whether a stored row (as printed) holds the same values as a given row, column by column. */
export function sameRow(
  stored: readonly (string | null)[],
  given: CopyRow,
  comparers: readonly (ValueComparer | null)[],
): boolean {
  for (let column = 0; column < given.length; column++) {
    const a = stored[column] ?? null;
    const b = given[column] ?? null;
    if (a === b) continue;
    if (a === null || b === null) return false;
    const compare = comparers[column];
    if (!compare?.(a, b)) return false;
  }
  return true;
}
