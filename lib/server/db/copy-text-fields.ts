/**
 * Reading PostgreSQL's COPY text format (`COPY … TO STDOUT`) field by field, straight from the
 * bytes the server sends: a tab between fields, a newline after each row, `\N` for NULL, and a
 * backslash before any other escaped byte. A field is handed on as its range of bytes, so a reader
 * can decode only what it needs (a number without a string, a repeated value once) instead of a
 * string per value and an array per row.
 */

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const CAPITAL_N = 78;

/** Receives a COPY's fields in order: `field` for each, then `endRow` after each row's last. */
export type CopyFieldSink = {
  /**
   * Field `column` of the current row is `bytes[start, end)`, as the server printed it; `escaped` when
   * it holds a backslash (NULL, or an escape `copyFieldText` decodes). The bytes are only valid
   * during the call.
   */
  field(column: number, bytes: Buffer, start: number, end: number, escaped: boolean): void;
  endRow(): void;
};

/**
 * Splits the chunks of a COPY's output into fields. The chunks may cut a row (or a field, or a
 * multi-byte character) anywhere: the unfinished row is kept and completed from the next chunk.
 */
export class CopyTextFields {
  private rest: Buffer | null = null;

  constructor(private readonly sink: CopyFieldSink) {}

  push(chunk: Buffer): void {
    let from = 0;
    if (this.rest !== null) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) {
        this.rest = Buffer.concat([this.rest, chunk]);
        return;
      }
      // Only the unfinished row is copied, with the part of this chunk that completes it.
      const row = Buffer.concat([this.rest, chunk.subarray(0, newline + 1)]);
      this.rest = null;
      this.rows(row, 0, row.length);
      from = newline + 1;
    }
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline >= from) this.rows(chunk, from, lastNewline + 1);
    const unfinished = Math.max(from, lastNewline + 1);
    if (unfinished < chunk.length) this.rest = Buffer.from(chunk.subarray(unfinished));
  }

  /** After the last chunk: refuses output that ends inside a row. */
  end(): void {
    if (this.rest !== null) throw new Error("COPY output ended inside a row");
  }

  /** Whole rows: `bytes[start, end)` ends with a newline. */
  private rows(bytes: Buffer, start: number, end: number): void {
    const sink = this.sink;
    let column = 0;
    let fieldStart = start;
    let escaped = false;
    for (let index = start; index < end; index++) {
      const byte = bytes[index] as number;
      if (byte === BACKSLASH) {
        escaped = true;
        // The escaped byte is data, even a tab or a newline, never a delimiter.
        index++;
      } else if (byte === TAB || byte === NEWLINE) {
        sink.field(column, bytes, fieldStart, index, escaped);
        fieldStart = index + 1;
        escaped = false;
        if (byte === TAB) column++;
        else {
          sink.endRow();
          column = 0;
        }
      }
    }
  }
}

/** Whether a field is NULL (`\N`). */
export function isCopyNull(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start === 2 && bytes[start] === BACKSLASH && bytes[start + 1] === CAPITAL_N;
}

/** A field's text (not NULL): its backslash escapes decoded, then its bytes read as UTF-8. */
export function copyFieldText(bytes: Buffer, start: number, end: number, escaped: boolean): string {
  if (!escaped) return bytes.toString("utf8", start, end);
  return unescapeCopyText(bytes.subarray(start, end)).toString("utf8");
}

const SIMPLE_ESCAPES: Record<number, number> = {
  98: 8, // \b
  102: 12, // \f
  110: 10, // \n
  114: 13, // \r
  116: 9, // \t
  118: 11, // \v
};

/**
 * COPY's text escapes decoded to the bytes they stand for: `\b \f \n \r \t \v`, an octal `\ddd`
 * (one to three digits), a hex `\xhh` (one or two digits), and a backslash before any other byte
 * that byte itself (the server escapes only backslashes and control characters, but reads all).
 */
function unescapeCopyText(field: Buffer): Buffer {
  const out = Buffer.allocUnsafe(field.length);
  let length = 0;
  for (let index = 0; index < field.length; index++) {
    const byte = field[index] as number;
    if (byte !== BACKSLASH || index + 1 === field.length) {
      out[length++] = byte;
      continue;
    }
    const next = field[++index] as number;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) out[length++] = simple;
    else if (isOctal(next)) {
      let value = next - 48;
      for (let digits = 1; digits < 3 && isOctal(field[index + 1]); digits++)
        value = value * 8 + ((field[++index] as number) - 48);
      out[length++] = value & 0xff;
    } else if (next === 120 && hexValue(field[index + 1]) >= 0) {
      let value = hexValue(field[++index]);
      if (hexValue(field[index + 1]) >= 0) value = value * 16 + hexValue(field[++index]);
      out[length++] = value;
    } else out[length++] = next;
  }
  return out.subarray(0, length);
}

function isOctal(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 48 && byte <= 55;
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 97 && byte <= 102) return byte - 87;
  if (byte >= 65 && byte <= 70) return byte - 55;
  return -1;
}
