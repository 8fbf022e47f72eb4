import { StringDecoder } from "node:string_decoder";

/**
 * The rows of a `COPY … TO STDOUT` in text format, gathered from the pieces `copyOut` hands over (cut
 * anywhere, a character included): each row as its values spelled as PostgreSQL's output functions
 * print them, as a query's text results spell them, NULL as null.
 */
export class CopyTextRows {
  readonly rows: (string | null)[][] = [];
  private readonly decoder = new StringDecoder("utf8");
  /** Text after the last whole line. */
  private rest = "";

  push(piece: Buffer): void {
    this.lines(this.decoder.write(piece));
  }

  /** The rows, once the COPY is done. */
  end(): (string | null)[][] {
    this.lines(this.decoder.end());
    if (this.rest.length > 0) throw new Error("a COPY ended inside a row");
    return this.rows;
  }

  private lines(text: string): void {
    const all = this.rest.length > 0 ? this.rest + text : text;
    let at = 0;
    for (let newline = all.indexOf("\n"); newline >= 0; newline = all.indexOf("\n", at)) {
      this.rows.push(copyLineFields(all.slice(at, newline)));
      at = newline + 1;
    }
    this.rest = all.slice(at);
  }
}

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/**
 * A line's fields as values: `\N` is NULL, and the escapes PostgreSQL's COPY prints (a backslash
 * before `b f n r t v` or before itself) are decoded.
 */
export function copyLineFields(line: string): (string | null)[] {
  return line.split("\t").map((field) => {
    if (field === "\\N") return null;
    if (!field.includes("\\")) return field;
    return field.replace(/\\(.)/g, (_, char: string) => ESCAPES[char] ?? char);
  });
}
