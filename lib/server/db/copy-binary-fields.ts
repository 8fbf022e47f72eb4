/**
 * Reading PostgreSQL's binary COPY format (`COPY … TO STDOUT WITH (FORMAT binary)`) field by field,
 * straight from the bytes the server sends: a signature and header, then each row as its field
 * count and each field as its length (-1 for NULL) and bytes, then a count of -1. A field is handed
 * on as its range of bytes, in the type's send format (`copy-binary-values.ts`): no text to split,
 * no escapes, and a uuid or a timestamp in a few bytes instead of its spelling.
 */

/** What binary COPY data starts with, before its flags and header extension (two 32-bit words). */
export const BINARY_COPY_SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const SIGNATURE = BINARY_COPY_SIGNATURE;
const HEADER_BYTES = SIGNATURE.length + 8;
const TRAILER = -1;

/** Receives a COPY's fields in order: `field` for each, then `endRow` after each row's last. */
export type CopyFieldSink = {
  /**
   * Field `column` of the current row: `length` bytes at `start` (the bytes are only valid during
   * the call), or NULL when `length` is -1.
   */
  field(column: number, bytes: Buffer, start: number, length: number): void;
  endRow(): void;
};

/**
 * Splits the pieces of a binary COPY's output into fields. The pieces may cut the header or a row
 * anywhere: the unfinished part is kept and completed from the next piece.
 */
export class CopyBinaryFields {
  private rest: Buffer | null = null;
  private started = false;
  private ended = false;

  constructor(private readonly sink: CopyFieldSink) {}

  push(piece: Buffer): void {
    let at = 0;
    const rest = this.rest;
    if (rest !== null) {
      // The unfinished row is completed from as few of this piece's first bytes as it takes (rows are
      // short; a long one takes a few tries), then the rest of the piece is read where it lies.
      for (let take = Math.min(piece.length, 256); ; take = Math.min(piece.length, take * 4)) {
        const joined = Buffer.concat([rest, piece.subarray(0, take)]);
        const read = this.read(joined, 0);
        if (read > rest.length) {
          at = read - rest.length;
          break;
        }
        if (take === piece.length) {
          this.rest = joined;
          return;
        }
      }
      this.rest = null;
    }
    at = this.read(piece, at);
    if (at < piece.length) this.rest = Buffer.from(piece.subarray(at));
  }

  /** After the last piece: refuses output that ends before its trailer. */
  end(): void {
    if (!this.ended) throw new Error("binary COPY output ended inside a row");
  }

  /** Reads the header, if not yet read, and the whole rows from `at`; returns where it stopped. */
  private read(bytes: Buffer, at: number): number {
    if (this.started) return this.rows(bytes, at);
    const rows = this.header(bytes, at);
    if (rows < 0) return at;
    this.started = true;
    return this.rows(bytes, rows);
  }

  /** Where the rows start, past the header at `at`; -1 when the header is not whole yet. */
  private header(bytes: Buffer, at: number): number {
    if (bytes.length - at < HEADER_BYTES) return -1;
    if (!bytes.subarray(at, at + SIGNATURE.length).equals(SIGNATURE))
      throw new Error("not the output of a binary COPY");
    const rows = at + HEADER_BYTES + bytes.readUInt32BE(at + SIGNATURE.length + 4);
    return bytes.length < rows ? -1 : rows;
  }

  /** The whole rows from `at` on, handed to the sink; returns where the first unfinished one starts. */
  private rows(bytes: Buffer, from: number): number {
    const sink = this.sink;
    const end = bytes.length;
    let at = from;
    while (at + 2 <= end) {
      if (this.ended) throw new Error("binary COPY output goes on after its trailer");
      const count = bytes.readInt16BE(at);
      if (count === TRAILER) {
        this.ended = true;
        at += 2;
        continue;
      }
      // The row is handed on only once it is whole: a sink cannot take back fields it was given.
      let past = at + 2;
      for (let column = 0; column < count && past <= end; column++) {
        if (past + 4 > end) past = end + 1;
        else past += 4 + Math.max(0, bytes.readInt32BE(past));
      }
      if (past > end) break;
      let field = at + 2;
      for (let column = 0; column < count; column++) {
        const length = bytes.readInt32BE(field);
        field += 4;
        sink.field(column, bytes, field, length);
        if (length > 0) field += length;
      }
      sink.endRow();
      at = past;
    }
    return at;
  }
}
