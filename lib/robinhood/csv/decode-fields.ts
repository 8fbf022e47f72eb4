import { isUtf8 } from "node:buffer";

/** A field whose bytes are not text: which field (0-based) and why, for a row-level error. */
export interface ByteError {
  field: number;
  reason: string;
}

const NUL = 0x00;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const DEL = 0x7f;

/**
 * Decodes a record's fields from their bytes and names every field that is not plain UTF-8 text: a
 * NUL byte, a control character other than tab and line breaks, or a byte sequence that is not
 * UTF-8 (a file saved as Latin-1 or UTF-16, or a binary file). Such a field is decoded with
 * replacement characters so the row can still be reported, never stored: PostgreSQL refuses NUL in
 * text and JSON, and anything else would be silently garbled.
 */
export function decodeFields(buffers: readonly Uint8Array[]): { fields: string[]; byteErrors: ByteError[] } {
  const fields: string[] = [];
  const byteErrors: ByteError[] = [];
  buffers.forEach((bytes, field) => {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
    fields.push(buffer.toString("utf8"));
    const reason = badBytesReason(buffer);
    if (reason !== null) byteErrors.push({ field, reason });
  });
  return { fields, byteErrors };
}

/** Whether any byte of the file is not text; a fast scan, so clean files parse straight to text. */
export function hasBadBytes(bytes: Uint8Array): boolean {
  if (!isUtf8(bytes)) return true;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if ((byte < 0x20 && byte !== TAB && byte !== LF && byte !== CR) || byte === DEL) return true;
  }
  return false;
}

/** Why a field's bytes are not text, or null when they are. */
export function badBytesReason(bytes: Uint8Array): string | null {
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if (byte === NUL) return `has a NUL byte (0x00) at byte ${index + 1} of the field; text never holds one`;
    if ((byte < 0x20 && byte !== TAB && byte !== LF && byte !== CR) || byte === DEL)
      return `has the control character ${hex(byte)} at byte ${index + 1} of the field`;
  }
  if (isUtf8(bytes)) return null;
  const offset = firstInvalidUtf8(bytes);
  return `is not UTF-8 text: byte ${hex(bytes[offset] ?? 0)} at byte ${offset + 1} of the field (save the file as UTF-8)`;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The longest prefix that is UTF-8 or could still become it, found by halving; this only runs
  // for a field already known to be bad.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (validPrefix(bytes, middle)) low = middle;
    else high = middle - 1;
  }
  // When the prefix ends inside a sequence that the next byte (or the field's end) breaks, the bad
  // bytes are that sequence: point at its first byte, the one a Latin-1 file would hold (é = 0xE9).
  let start = low - 1;
  while (start > 0 && ((bytes[start] as number) & 0xc0) === 0x80) start--;
  if (start >= 0 && low - start < sequenceLength(bytes[start] as number)) return start;
  return low;
}

/** How many bytes a UTF-8 sequence with this first byte has (1 for anything else). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

function validPrefix(bytes: Uint8Array, length: number): boolean {
  try {
    // `stream: true` accepts a prefix that ends inside a sequence that could still be completed.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    return true;
  } catch {
    return false;
  }
}
