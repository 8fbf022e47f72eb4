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
  if (Array.isArray(value) && value.length === 0) return "[]";
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

/**
 * Lists of objects of one type spelled as `jsonbText` spells them, the type's keys put in
 * PostgreSQL's order once instead of sorted for every object: a chain row's leg-outs are thousands
 * of small objects per recompute, and sorting each one's entries was most of their text's cost.
 * Made by `jsonbShape`, which refuses to compile unless every key of the type is listed; a key an
 * object holds beyond its type would be left out, so the objects must be made as their type says.
 */
export class JsonbShape<T extends object> {
  private readonly keys: (keyof T & string)[];
  /** Each key as it leads its value: `"key": `. */
  private readonly labels: string[];

  constructor(keys: readonly (keyof T & string)[]) {
    this.keys = [...keys].sort(compareKeys);
    this.labels = this.keys.map((key) => `${JSON.stringify(key)}: `);
  }

  list(values: readonly T[]): string {
    if (values.length === 0) return "[]";
    let text = "[";
    for (let index = 0; index < values.length; index++) {
      if (index > 0) text += ", ";
      text += this.text(values[index] as T);
    }
    return `${text}]`;
  }

  text(value: T): string {
    let text = "";
    for (let index = 0; index < this.keys.length; index++) {
      const entry = value[this.keys[index] as keyof T];
      if (entry === undefined || typeof entry === "function") continue;
      text += `${text === "" ? "{" : ", "}${this.labels[index]}${jsonbText(entry)}`;
    }
    return text === "" ? "{}" : `${text}}`;
  }
}

/** The `JsonbShape` of `T`, given every key of `T`: `jsonbShape<LegOut>()(["date", …])`. */
export function jsonbShape<T extends object>() {
  return <const Keys extends readonly (keyof T & string)[]>(
    keys: Keys &
      ([Exclude<keyof T, Keys[number]>] extends [never]
        ? unknown
        : { missing: Exclude<keyof T, Keys[number]> }),
  ): JsonbShape<T> => new JsonbShape<T>(keys);
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
