import "server-only";
import { type BinaryEncoder, type ColumnType, encoderOf } from "./binary-value-encoders";
import { BinaryWriter, Unencodable } from "./binary-writer";
import { BINARY_COPY_SIGNATURE as SIGNATURE } from "./copy-binary-fields";
import type { CopyRow } from "./copy-rows";

/**
 * Rows given in each column's text input syntax (`CopyRow`), written as `COPY … FROM STDIN WITH
 * (FORMAT binary)` data. The server's text input of a staged row (a numeric's digits, a timestamp's
 * date and time, a uuid's hex) was most of what staging cost it: 72,329 lots staged from a file in
 * 243 ms as text and 105 ms in binary (docs/RECOMPUTE-MEASUREMENTS.md). Each value is read in the
 * spellings the derived rows use, strictly (`binary-value-encoders.ts`); at the first value spelled
 * any other way the binary data ends, and that row and the ones after it go by a text COPY, which
 * PostgreSQL reads whatever the spelling. So an unforeseen spelling costs time, never a wrong value
 * or an error.
 */

export type { ColumnType };

/** The encoders of columns of these types, or null when a type is not written in binary here. */
export function binaryEncodersOf(columns: readonly ColumnType[]): BinaryEncoder[] | null {
  const encoders: BinaryEncoder[] = [];
  for (const column of columns) {
    const encoder = encoderOf(column);
    if (encoder === null) return null;
    encoders.push(encoder);
  }
  return encoders;
}

/**
 * The rows as binary COPY data (signature, rows, trailer) in chunks of about 1 MB, made as they are
 * asked for, so the server reads one while the next is made. It stops before the first row holding
 * a value spelled otherwise than the encoders read, ending the data there: `progress.rows` tells
 * how many rows it wrote, and the rest are for a text COPY.
 */
export function* binaryCopyChunks(
  rows: readonly CopyRow[],
  encoders: readonly BinaryEncoder[],
  progress: { rows: number },
): Generator<Buffer> {
  const writer = new BinaryWriter();
  writer.room(SIGNATURE.length + 8);
  SIGNATURE.copy(writer.buffer, 0);
  writer.at = SIGNATURE.length;
  writer.int32(0); // flags
  writer.int32(0); // header extension length
  const width = encoders.length;
  progress.rows = 0;
  for (const row of rows) {
    if (row.length !== width) throw new Error(`a row of ${row.length} values for ${width} columns`);
    writer.startRow();
    try {
      writer.room(2);
      writer.int16(width);
      for (let column = 0; column < width; column++) {
        const value = row[column] ?? null;
        if (value === null) {
          writer.room(4);
          writer.int32(-1);
        } else (encoders[column] as BinaryEncoder)(writer, value);
      }
    } catch (error) {
      if (!(error instanceof Unencodable)) throw error;
      writer.dropRow();
      break;
    }
    progress.rows++;
    for (const chunk of writer.takeFull()) yield chunk;
  }
  writer.room(2);
  writer.int16(-1);
  yield* writer.takeAll();
}
