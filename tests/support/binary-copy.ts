/**
 * Rows written out in PostgreSQL's binary COPY format, as `COPY … TO STDOUT WITH (FORMAT binary)`
 * sends them: the signature, flags and a header extension, each row as its field count and each
 * field as its length and bytes (-1 for NULL), then the trailer. A string field is its UTF-8 bytes.
 */
export function binaryCopy(rows: readonly (readonly (string | Buffer | null)[])[], extension = 0): Buffer {
  const parts: Buffer[] = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1")];
  const header = Buffer.alloc(8 + extension);
  header.writeUInt32BE(extension, 4);
  parts.push(header);
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const field of row) {
      const length = Buffer.alloc(4);
      if (field === null) {
        length.writeInt32BE(-1);
        parts.push(length);
        continue;
      }
      const bytes = typeof field === "string" ? Buffer.from(field, "utf8") : field;
      length.writeInt32BE(bytes.length);
      parts.push(length, bytes);
    }
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  parts.push(trailer);
  return Buffer.concat(parts);
}
