import "server-only";

/**
 * Binary COPY data written value by value (`copy-binary-rows.ts`, `binary-value-encoders.ts`).
 */

const CHUNK_BYTES = 1 << 20;

/** Thrown by an encoder for a value it does not read; caught by `binaryCopyChunks`. */
export class Unencodable extends Error {}

export function unencodable(): never {
  throw new Unencodable();
}

/**
 * Appends big-endian values to 1 MB buffers. A row never straddles two buffers: when one fills up,
 * the row being written moves to the next, so a full buffer holds whole rows and a row can be taken
 * back (`dropRow`).
 */
export class BinaryWriter {
  private readonly full: Buffer[] = [];
  buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  at = 0;
  private rowStart = 0;

  /** Makes room for `bytes` more in the current buffer. */
  room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const partial = this.at - this.rowStart;
    const next = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, partial + bytes));
    this.buffer.copy(next, 0, this.rowStart, this.at);
    if (this.rowStart > 0) this.full.push(this.buffer.subarray(0, this.rowStart));
    this.buffer = next;
    this.rowStart = 0;
    this.at = partial;
  }

  startRow(): void {
    this.rowStart = this.at;
  }

  /** Takes back what was written of the row being written. */
  dropRow(): void {
    this.at = this.rowStart;
  }

  // Byte by byte: a typed array store keeps the low 8 bits, and Buffer's checked writers cost more
  // than the values they write.
  int16(value: number): void {
    const buffer = this.buffer;
    const at = this.at;
    buffer[at] = value >>> 8;
    buffer[at + 1] = value;
    this.at = at + 2;
  }

  int32(value: number): void {
    putInt32(this.buffer, this.at, value);
    this.at += 4;
  }

  /** The buffers filled with whole rows since the last call. */
  takeFull(): Buffer[] {
    return this.full.splice(0);
  }

  /** Everything written and not yet taken. */
  takeAll(): Buffer[] {
    const all = this.full.splice(0);
    if (this.at > 0) all.push(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafe(0);
    this.at = 0;
    this.rowStart = 0;
    return all;
  }
}

export function putInt32(buffer: Buffer, at: number, value: number): void {
  buffer[at] = value >>> 24;
  buffer[at + 1] = value >>> 16;
  buffer[at + 2] = value >>> 8;
  buffer[at + 3] = value;
}

export function putInt16(buffer: Buffer, at: number, value: number): void {
  buffer[at] = value >>> 8;
  buffer[at + 1] = value;
}
